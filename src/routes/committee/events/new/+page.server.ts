import { redirect } from '@sveltejs/kit';
import { and, asc, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { volunteerTeams } from '$lib/server/db/schema/teams';
import { createEvent } from '$lib/server/events/create-event';
import { ZCreateEvent } from '$lib/server/events/schemas';
import { EVENT_TYPES } from '$lib/server/db/schema/events';
import { formAction } from '$lib/server/http/form';
import { loadOrError } from '$lib/server/http/load';
import { ownVillageTarget } from '$lib/server/people/scope';
import { authorize } from '$lib/server/permissions';
import { getRuleBook } from '$lib/server/rules/get-rule-book';
import { villageLocalInput } from '$lib/polls/time';
import type { Actions, PageServerLoad } from './$types';

const HOUR = 60 * 60 * 1000;

/** New event: the committee, or a team leader for a team's event. */
export const load: PageServerLoad = ({ locals }) =>
	loadOrError(() => {
		const village = ownVillageTarget(locals.viewer);
		authorize(locals.viewer, 'events:create', village);
		const book = getRuleBook({ id: village.villageId });
		const start = new Date(Math.ceil(Date.now() / HOUR) * HOUR + 24 * HOUR);
		return {
			types: EVENT_TYPES,
			rules: (book.version?.rules ?? [])
				.filter((r) => r.active && r.points > 0 && !r.photoRequired)
				.map((r) => ({ id: r.id, name: r.name, points: r.points })),
			teams: db
				.select({ id: volunteerTeams.id, name: volunteerTeams.name })
				.from(volunteerTeams)
				.where(
					and(eq(volunteerTeams.villageId, village.villageId), eq(volunteerTeams.active, true))
				)
				.orderBy(asc(volunteerTeams.name))
				.all(),
			/** A team leader who is not on the committee creates team events only. */
			teamOnly: !locals.viewer.roles.includes('committee'),
			defaults: {
				startsAt: villageLocalInput(start),
				endsAt: villageLocalInput(new Date(start.getTime() + 2 * HOUR)),
				checkInOpensAt: villageLocalInput(new Date(start.getTime() - HOUR / 2)),
				checkInClosesAt: villageLocalInput(new Date(start.getTime() + 2 * HOUR))
			}
		};
	});

export const actions: Actions = {
	default: (event) =>
		formAction(event.request, ZCreateEvent, (input) => {
			const created = createEvent(event.locals.viewer, input);
			redirect(303, `/events/${created.id}`);
		})
};
