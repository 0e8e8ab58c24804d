import { z } from 'zod';
import { checkIn } from '$lib/server/events/check-in';
import { eventTarget } from '$lib/server/events/event-target';
import { formAction } from '$lib/server/http/form';
import { idParam, loadOrError } from '$lib/server/http/load';
import { authorize } from '$lib/server/permissions';
import type { Actions, PageServerLoad } from './$types';

/**
 * Staff check a member in by their card: the card's QR code (scanned with the phone camera,
 * which opens /events/card?c=… and then this page) or the code printed under it, typed in.
 */
export const load: PageServerLoad = ({ locals, params, url }) =>
	loadOrError(() => {
		const { event, target } = eventTarget(idParam(params.id));
		authorize(locals.viewer, 'events:organise', target);
		return {
			event: { id: event.id, title: event.title },
			card: url.searchParams.get('c')?.slice(0, 300) ?? ''
		};
	});

export const actions: Actions = {
	default: (event) =>
		formAction(event.request, z.object({ c: z.string().trim().min(1).max(300) }), ({ c }) =>
			checkIn(event.locals.viewer, { method: 'card', eventId: idParam(event.params.id), card: c })
		)
};
