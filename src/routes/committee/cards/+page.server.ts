import QRCode from 'qrcode';
import { listMemberCards } from '$lib/server/events/list-member-cards';
import { loadOrError } from '$lib/server/http/load';
import type { PageServerLoad } from './$types';

/**
 * Member cards (会员卡) to print, one per active member (?household=<户号> for one household).
 * The QR code carries /events/card?c=<token> on this server's public origin: staff scan it with
 * the phone camera at an event; the code is printed under it too, to type in when needed.
 */
export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(async () => {
		const household = url.searchParams.get('household')?.trim().slice(0, 40) || undefined;
		const cards = listMemberCards(locals.viewer, { household });
		return {
			household: household ?? '',
			cards: await Promise.all(
				cards.map(async (c) => ({
					...c,
					svg: await QRCode.toString(`${url.origin}/events/card?c=${c.token}`, {
						type: 'svg',
						margin: 1,
						errorCorrectionLevel: 'M'
					})
				}))
			)
		};
	});
