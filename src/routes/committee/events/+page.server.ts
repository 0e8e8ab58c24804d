import { db } from '$lib/server/db';
import { attendancePointsMode } from '$lib/server/events/attendance-points-mode';
import { ZEventSettings } from '$lib/server/events/schemas';
import { setEventSettings } from '$lib/server/events/set-event-settings';
import { formAction } from '$lib/server/http/form';
import { loadOrError } from '$lib/server/http/load';
import { ownVillageTarget } from '$lib/server/people/scope';
import { authorize } from '$lib/server/permissions';
import type { Actions, PageServerLoad } from './$types';

/** The committee's events corner: how attendance points are given; links to new events and cards. */
export const load: PageServerLoad = ({ locals }) =>
	loadOrError(() => {
		const village = ownVillageTarget(locals.viewer);
		authorize(locals.viewer, 'events:settings', village);
		return { attendancePoints: attendancePointsMode(db, village.villageId) };
	});

export const actions: Actions = {
	settings: (event) =>
		formAction(event.request, ZEventSettings, (input) => {
			setEventSettings(event.locals.viewer, input);
			return { saved: true };
		})
};
