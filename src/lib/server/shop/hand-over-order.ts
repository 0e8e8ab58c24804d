import { and, eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { db, write } from '$lib/server/db';
import { shopOrders, type ShopOrder } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { postEntry } from '$lib/server/ledger/post-entry';
import { authorize } from '$lib/server/permissions';
import { recordFeed } from '$lib/server/realtime/publish';
import { roomName } from '$lib/realtime/events';
import { findOrderByCode } from './find-order-by-code';
import { orderView, type OrderView } from './views';

/** Which order: by id (the API, the shop's list) or by the pickup code the villager shows. */
export type OrderRef = { orderId: number } | { code: string };

function resolveOrder(viewer: Viewer | null, ref: OrderRef): ShopOrder {
	if ('code' in ref) return findOrderByCode(viewer, ref.code);
	const order = db.select().from(shopOrders).where(eq(shopOrders.id, ref.orderId)).get();
	if (!order) throw new DomainError('not_found');
	authorize(viewer, 'shop:hand_over', { kind: 'village', villageId: order.villageId });
	return order;
}

/**
 * The shopkeeper hands the goods over: the redeem entry is posted (ledger source ('order', id),
 * so a retry can't post twice) and the order is closed, in one transaction. The ledger refuses
 * to take the balance below zero — possible only if points were deducted after the order was
 * placed; the shop then cancels the order instead.
 */
export function handOverOrder(
	viewer: Viewer | null,
	ref: OrderRef,
	now: Date = new Date()
): OrderView {
	const found = resolveOrder(viewer, ref);
	return write((tx) => {
		const order = tx
			.update(shopOrders)
			.set({ status: 'handed_over', handedOverAt: now, handedOverBy: viewer!.userId })
			.where(and(eq(shopOrders.id, found.id), eq(shopOrders.status, 'reserved')))
			.returning()
			.get();
		if (!order) throw new DomainError('order_not_open');
		postEntry(tx, {
			villageId: order.villageId,
			householdId: order.householdId,
			kind: 'redeem',
			points: -order.totalPoints,
			source: { type: 'order', id: order.id },
			actorUserId: viewer!.userId,
			onBehalfOfMemberId: order.onBehalfOfMemberId,
			at: now
		});
		recordFeed(tx, {
			villageId: order.villageId,
			room: roomName('household', order.householdId),
			type: 'order_handed_over',
			payload: { orderId: order.id, points: order.totalPoints }
		});
		recordFeed(tx, {
			villageId: order.villageId,
			room: roomName('staff', order.villageId),
			type: 'order_closed',
			payload: { orderId: order.id, outcome: 'handed_over' }
		});
		recordAudit(tx, {
			villageId: order.villageId,
			actorUserId: viewer!.userId,
			action: 'shop.hand_over',
			subjectType: 'order',
			subjectId: order.id,
			detail: { points: order.totalPoints }
		});
		return orderView(order, { showCode: false }, tx);
	});
}
