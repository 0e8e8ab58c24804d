import { z } from 'zod';
import { checkIn } from '$lib/server/events/check-in';
import { eventTarget } from '$lib/server/events/event-target';
import { getRoster } from '$lib/server/events/get-roster';
import { zId, zList } from '$lib/server/http/fields';
import { formAction } from '$lib/server/http/form';
import { idParam, loadOrError } from '$lib/server/http/load';
import type { Actions, PageServerLoad } from './$types';

/** The organiser's roster: who signed up and who waits; ticking names checks them in. */
export const load: PageServerLoad = ({ locals, params }) =>
	loadOrError(() => {
		const id = idParam(params.id);
		const roster = getRoster(locals.viewer, id);
		const { event } = eventTarget(id);
		return { event: { id, title: event.title }, roster };
	});

export const actions: Actions = {
	tick: (event) =>
		formAction(event.request, z.object({ memberId: zList(zId) }), ({ memberId }) =>
			checkIn(event.locals.viewer, {
				method: 'roster',
				eventId: idParam(event.params.id),
				memberIds: memberId
			})
		)
};
