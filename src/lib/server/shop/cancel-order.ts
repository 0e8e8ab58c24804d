import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { db, write } from '$lib/server/db';
import { households, shopOrderLines, shopOrders } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { authorize, type Target } from '$lib/server/permissions';
import { recordFeed } from '$lib/server/realtime/publish';
import { roomName } from '$lib/realtime/events';
import { moveStock } from './move-stock';
import { ZCancelOrder } from './schemas';
import { shopperTarget } from './shopper';
import { orderView, type OrderView } from './views';

/**
 * Cancels an open order: the household (whoever may order for it) before hand-over, or the
 * shop. The goods go back on the shelf (return movements); the points were only reserved, never
 * posted, so closing the order is what frees them. A handed-over order can't be cancelled.
 */
export function cancelOrder(
	viewer: Viewer | null,
	orderId: number,
	raw: z.input<typeof ZCancelOrder> = {},
	options: { onBehalfOfMemberId?: number | null; now?: Date } = {}
): OrderView {
	const input = parseInput(ZCancelOrder, raw);
	const now = options.now ?? new Date();
	const found = db.select().from(shopOrders).where(eq(shopOrders.id, orderId)).get();
	if (!found) throw new DomainError('not_found');
	const home = db
		.select({ tenGroupId: households.tenGroupId })
		.from(households)
		.where(eq(households.id, found.householdId))
		.get();
	// Judged as the household's own shopper when the viewer is one, else as the shop.
	let target: Target = {
		kind: 'household',
		villageId: found.villageId,
		householdId: found.householdId,
		tenGroupId: home?.tenGroupId ?? null
	};
	if (viewer && (options.onBehalfOfMemberId || viewer.memberId)) {
		const shopper = shopperTarget(viewer, options.onBehalfOfMemberId ?? null);
		if (shopper.householdId === found.householdId) target = shopper;
	}
	authorize(viewer, 'shop:cancel_order', target);

	return write((tx) => {
		const order = tx
			.update(shopOrders)
			.set({
				status: 'cancelled',
				cancelledAt: now,
				cancelledBy: viewer.userId,
				cancelReason: input.reason
			})
			.where(and(eq(shopOrders.id, orderId), eq(shopOrders.status, 'reserved')))
			.returning()
			.get();
		if (!order) throw new DomainError('order_not_open');
		const lines = tx
			.select()
			.from(shopOrderLines)
			.where(eq(shopOrderLines.orderId, order.id))
			.all();
		for (const line of lines) {
			moveStock(tx, {
				villageId: order.villageId,
				itemId: line.itemId,
				kind: 'return',
				quantity: line.quantity,
				orderId: order.id,
				reason: input.reason,
				actorUserId: viewer.userId,
				at: now
			});
		}
		recordFeed(tx, {
			villageId: order.villageId,
			room: roomName('household', order.householdId),
			type: 'order_cancelled',
			payload: { orderId: order.id, points: order.totalPoints }
		});
		recordFeed(tx, {
			villageId: order.villageId,
			room: roomName('staff', order.villageId),
			type: 'order_closed',
			payload: { orderId: order.id, outcome: 'cancelled' }
		});
		recordAudit(tx, {
			villageId: order.villageId,
			actorUserId: viewer.userId,
			onBehalfOfMemberId: options.onBehalfOfMemberId ?? null,
			action: 'shop.cancel',
			subjectType: 'order',
			subjectId: order.id,
			detail: { reason: input.reason }
		});
		return orderView(order, { showCode: false }, tx);
	});
}
