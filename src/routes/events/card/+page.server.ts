import { listOpenCheckins } from '$lib/server/events/list-open-checkins';
import { loadOrError } from '$lib/server/http/load';
import type { PageServerLoad } from './$types';

/**
 * Where a member card's QR code leads (/events/card?c=<token>) when staff scan it with the phone
 * camera: the card names no event, so staff pick one of the events whose check-in is open now
 * (then confirm on /events/<id>/card). The member's name is shown only after that, to staff.
 */
export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(() => ({
		card: url.searchParams.get('c')?.slice(0, 300) ?? '',
		signedIn: !!locals.viewer,
		events: listOpenCheckins(locals.viewer)
	}));
