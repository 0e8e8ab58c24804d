import { redirect } from '@sveltejs/kit';
import { DomainError } from '$lib/server/errors';
import { formAction } from '$lib/server/http/form';
import { idParam, loadOrError } from '$lib/server/http/load';
import { getPoll } from '$lib/server/polls/get-poll';
import { ZVote } from '$lib/server/polls/schemas';
import { vote } from '$lib/server/polls/vote';
import type { Actions, PageServerLoad } from './$types';

/** One poll: the household's vote form while open, the results (public) once closed. */
export const load: PageServerLoad = ({ locals, params, url }) =>
	loadOrError(() => {
		const found = getPoll(locals.viewer, idParam(params.id), {
			onBehalfOfMemberId: locals.actingFor?.memberId ?? null
		});
		const household = locals.actingFor?.householdId ?? locals.viewer?.householdId ?? null;
		return {
			...found,
			voted: url.searchParams.has('voted'),
			signedIn: !!locals.viewer,
			// A member of a household here who may not vote for it: say who may.
			mayNotVote:
				household !== null &&
				locals.viewer?.villageId === found.village.id &&
				!found.poll.closed &&
				!found.poll.mayVote
		};
	});

export const actions: Actions = {
	default: (event) =>
		formAction(event.request, ZVote, (input) => {
			const viewer = event.locals.viewer;
			if (!viewer) throw new DomainError('unauthenticated');
			const pollId = idParam(event.params.id);
			vote(viewer, pollId, input, {
				onBehalfOfMemberId: event.locals.actingFor?.memberId ?? null
			});
			// Back to a plain GET, so reloading the page doesn't send the vote again.
			redirect(303, `/polls/${pollId}?voted=1`);
		})
};
