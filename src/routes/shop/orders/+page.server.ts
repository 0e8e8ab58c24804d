import { redirect } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { z } from 'zod';
import { roomName } from '$lib/realtime/events';
import { DomainError } from '$lib/server/errors';
import { zId } from '$lib/server/http/fields';
import { formAction } from '$lib/server/http/form';
import { loadOrError } from '$lib/server/http/load';
import { lastFeedId } from '$lib/server/realtime/feed-query';
import { cancelOrder } from '$lib/server/shop/cancel-order';
import { listHouseholdOrders } from '$lib/server/shop/list-household-orders';
import type { Actions, PageServerLoad } from './$types';

/**
 * The household's orders. An open one shows its pickup code in digits and as a QR code; the QR
 * carries the shop's address with the code (/shop?code=…), so the shopkeeper's phone camera
 * opens the order straight away.
 */
export const load: PageServerLoad = ({ locals, url }) => {
	const viewer = locals.viewer;
	if (!viewer) redirect(303, '/login');
	const householdId = locals.actingFor?.householdId ?? viewer.householdId;
	if (householdId === null) return { householdId: null, orders: [], lastFeedId: 0, placed: null };
	return loadOrError(async () => {
		// Read before the orders: anything after this id is caught up when the socket joins.
		const lastId = lastFeedId(roomName('household', householdId));
		const orders = await Promise.all(
			listHouseholdOrders(viewer, householdId).map(async (o) => ({
				...o,
				qr: o.pickupCode
					? await QRCode.toString(`${url.origin}/shop?code=${o.pickupCode}`, {
							type: 'svg',
							margin: 1,
							errorCorrectionLevel: 'M'
						})
					: null
			}))
		);
		const placed = Number(url.searchParams.get('placed'));
		return {
			householdId,
			orders,
			lastFeedId: lastId,
			placed: Number.isSafeInteger(placed) && placed > 0 ? placed : null
		};
	});
};

export const actions: Actions = {
	cancel: (event) =>
		formAction(event.request, z.object({ orderId: zId }), (input) => {
			const viewer = event.locals.viewer;
			if (!viewer) throw new DomainError('unauthenticated');
			cancelOrder(
				viewer,
				input.orderId,
				{},
				{
					onBehalfOfMemberId: event.locals.actingFor?.memberId ?? null
				}
			);
			return { cancelled: input.orderId };
		})
};
