import { roomName } from '$lib/realtime/events';
import { DomainError } from '$lib/server/errors';
import { zId } from '$lib/server/http/fields';
import { formAction } from '$lib/server/http/form';
import { loadOrError } from '$lib/server/http/load';
import { ownVillageTarget } from '$lib/server/people/scope';
import { lastFeedId } from '$lib/server/realtime/feed-query';
import { cancelOrder } from '$lib/server/shop/cancel-order';
import { findOrderByCode } from '$lib/server/shop/find-order-by-code';
import { handOverOrder } from '$lib/server/shop/hand-over-order';
import { listOpenOrders } from '$lib/server/shop/list-open-orders';
import { ZCancelOrder, ZPickupCode } from '$lib/server/shop/schemas';
import { orderView, type OrderView } from '$lib/server/shop/views';
import { searchDirectory } from '$lib/server/villages/search-directory';
import type { Actions, PageServerLoad } from './$types';

/**
 * The shopkeeper's home: the orders waiting to be handed over (live: the staff room announces
 * new ones), finding an order by its pickup code (typed, or opened from the villager's QR code,
 * which carries ?code=…) and handing it over; and the village directory (points included).
 */
export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(() => {
		const villageId = ownVillageTarget(locals.viewer).villageId;
		const code = url.searchParams.get('code')?.trim() ?? '';
		let found: OrderView | null = null;
		let notFound = false;
		if (code) {
			try {
				found = orderView(findOrderByCode(locals.viewer, code), { showCode: true });
			} catch (e) {
				if (!(e instanceof DomainError) || e.code !== 'not_found') throw e;
				notFound = true;
			}
		}
		const room = roomName('staff', villageId);
		// Read before the list: news after this id is caught up when the socket joins.
		const lastId = lastFeedId(room);
		return {
			room,
			lastFeedId: lastId,
			openOrders: listOpenOrders(locals.viewer),
			code,
			found,
			notFound,
			directory: searchDirectory(locals.viewer, villageId, {
				q: url.searchParams.get('q'),
				page: url.searchParams.get('page') ?? undefined
			})
		};
	});

export const actions: Actions = {
	handOver: (event) =>
		formAction(event.request, ZPickupCode, (input) => {
			const order = handOverOrder(event.locals.viewer, { code: input.code });
			return { handedOver: order };
		}),
	cancel: (event) =>
		formAction(event.request, ZCancelOrder.extend({ orderId: zId }), (input) => {
			const order = cancelOrder(event.locals.viewer, input.orderId, { reason: input.reason });
			return { cancelled: order };
		})
};
