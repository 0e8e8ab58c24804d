import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { zId } from '$lib/server/http/fields';
import { formAction } from '$lib/server/http/form';
import { loadOrError } from '$lib/server/http/load';
import { ownVillageTarget } from '$lib/server/people/scope';
import { authorize } from '$lib/server/permissions';
import { closePoll } from '$lib/server/polls/close-poll';
import { listPolls, pollVillage } from '$lib/server/polls/list-polls';
import { openPoll } from '$lib/server/polls/open-poll';
import { ZOpenPoll } from '$lib/server/polls/schemas';
import { villageLocalInput } from '$lib/polls/time';
import type { Actions, PageServerLoad } from './$types';

const WEEK = 7 * 24 * 60 * 60 * 1000;

/** The committee opens polls (征求意见) and may close one early. */
export const load: PageServerLoad = ({ locals }) =>
	loadOrError(() => {
		const village = ownVillageTarget(locals.viewer);
		authorize(locals.viewer, 'polls:manage', village);
		return {
			list: listPolls(locals.viewer, pollVillage({ id: village.villageId })),
			// A week from now, as the form's starting value (village time).
			defaultClosesAt: villageLocalInput(new Date(Date.now() + WEEK)),
			// One token per page load: a double tap, or the form sent again, opens one poll.
			token: randomBytes(12).toString('base64url')
		};
	});

export const actions: Actions = {
	open: (event) =>
		formAction(event.request, ZOpenPoll, (input) => {
			const poll = openPoll(event.locals.viewer, input);
			return { opened: poll.id };
		}),
	close: (event) =>
		formAction(event.request, z.object({ pollId: zId }), ({ pollId }) => {
			closePoll(event.locals.viewer, pollId);
			return { closed: pollId };
		})
};
