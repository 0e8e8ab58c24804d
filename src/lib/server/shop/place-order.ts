import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write, type Tx } from '$lib/server/db';
import {
	households,
	shopItems,
	shopOrderLines,
	shopOrders,
	type ShopOrder
} from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { authorize } from '$lib/server/permissions';
import { recordFeed } from '$lib/server/realtime/publish';
import { roomName } from '$lib/realtime/events';
import * as m from '$lib/paraglide/messages';
import { shanghaiMonth } from './month';
import { moveStock } from './move-stock';
import { ZPlaceOrder } from './schemas';
import { shopperTarget } from './shopper';
import { shopStanding } from './standing';
import { orderView, type OrderView } from './views';

export type PlaceOrderResult = OrderView & {
	/** false: the form's token (or the API's Idempotency-Key) named an order already placed. */
	created: boolean;
};

/** Units of an item the household took this month (orders waiting or handed over). */
function usedThisMonth(tx: Tx, householdId: number, itemId: number, now: Date): number {
	const { start, end } = shanghaiMonth(now);
	const row = tx
		.select({ n: sql<number>`coalesce(sum(${shopOrderLines.quantity}), 0)` })
		.from(shopOrderLines)
		.innerJoin(shopOrders, eq(shopOrders.id, shopOrderLines.orderId))
		.where(
			and(
				eq(shopOrders.householdId, householdId),
				eq(shopOrderLines.itemId, itemId),
				inArray(shopOrders.status, ['reserved', 'handed_over']),
				gte(shopOrders.createdAt, start),
				lt(shopOrders.createdAt, end)
			)
		)
		.get();
	return Number(row?.n ?? 0);
}

/** Six digits no other open order of the village has (the partial unique index agrees). */
function newPickupCode(tx: Tx, villageId: number): string {
	for (let i = 0; i < 50; i++) {
		const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
		const taken = tx
			.select({ id: shopOrders.id })
			.from(shopOrders)
			.where(
				and(
					eq(shopOrders.villageId, villageId),
					eq(shopOrders.pickupCode, code),
					eq(shopOrders.status, 'reserved')
				)
			)
			.get();
		if (!taken) return code;
	}
	throw new Error('shop: no free pickup code');
}

/**
 * A household orders from the points supermarket. In one IMMEDIATE transaction — so two phones
 * of one household, or many households after the last units, are decided one after another —
 * every rule is checked (each refusal names the rule and the item), the order and its lines are
 * written, and the stock is taken (redemption movements). The points are reserved, not posted:
 * an open order counts against the household's spendable points until it is handed over (the
 * redeem entry is posted then) or cancelled (nothing was posted, so nothing to refund).
 *
 * Who may: the household head, a member the head allows, or someone acting (代办) for one of
 * them — see 'shop:order'. A repeated `token` returns the order it first made.
 */
export function placeOrder(
	viewer: Viewer | null,
	raw: z.input<typeof ZPlaceOrder>,
	options: { onBehalfOfMemberId?: number | null; now?: Date } = {}
): PlaceOrderResult {
	const input = parseInput(ZPlaceOrder, raw);
	const onBehalfOfMemberId = options.onBehalfOfMemberId ?? null;
	const target = shopperTarget(viewer, onBehalfOfMemberId);
	authorize(viewer, 'shop:order', target);
	const now = options.now ?? new Date();
	const { villageId, householdId } = target;

	return write((tx) => {
		if (input.token) {
			const first = tx
				.select()
				.from(shopOrders)
				.where(
					and(eq(shopOrders.householdId, householdId), eq(shopOrders.clientToken, input.token))
				)
				.get();
			if (first) return { ...orderView(first, { showCode: true }, tx), created: false };
		}

		const ids = input.lines.map((l) => l.itemId);
		const items = new Map(
			tx
				.select()
				.from(shopItems)
				.where(and(inArray(shopItems.id, ids), eq(shopItems.villageId, villageId)))
				.all()
				.map((i) => [i.id, i])
		);
		const lines = input.lines.map((l) => {
			const item = items.get(l.itemId);
			if (!item) throw new DomainError('not_found');
			if (!item.active) {
				throw new DomainError('shop_item_inactive', {
					message: m.shop_refused_inactive({ item: item.name }),
					details: { itemId: item.id }
				});
			}
			return { ...l, item };
		});
		const total = lines.reduce((sum, l) => sum + l.item.pointsPrice * l.quantity, 0);

		const standing = shopStanding(householdId, tx);
		if (!standing.thresholdMet) {
			throw new DomainError('shop_threshold_not_met', {
				message:
					standing.basis === 'earned'
						? m.shop_refused_threshold_earned({
								threshold: standing.threshold,
								have: standing.measured
							})
						: m.shop_refused_threshold_balance({
								threshold: standing.threshold,
								have: standing.measured
							}),
				details: { threshold: standing.threshold, basis: standing.basis, have: standing.measured }
			});
		}
		if (standing.spendable < total) {
			throw new DomainError('shop_insufficient_points', {
				message: m.shop_refused_points({ total, spendable: standing.spendable }),
				details: { total, spendable: standing.spendable, reserved: standing.reserved }
			});
		}
		for (const l of lines) {
			if (l.item.stock < l.quantity) {
				throw new DomainError('shop_out_of_stock', {
					message: m.shop_refused_stock({ item: l.item.name, stock: l.item.stock }),
					details: { itemId: l.item.id, stock: l.item.stock }
				});
			}
			if (l.item.monthlyLimit !== null) {
				const used = usedThisMonth(tx, householdId, l.item.id, now);
				if (used + l.quantity > l.item.monthlyLimit) {
					throw new DomainError('shop_monthly_limit', {
						message: m.shop_refused_limit({
							item: l.item.name,
							limit: l.item.monthlyLimit,
							used
						}),
						details: { itemId: l.item.id, limit: l.item.monthlyLimit, used }
					});
				}
			}
		}

		const order: ShopOrder = tx
			.insert(shopOrders)
			.values({
				villageId,
				householdId,
				totalPoints: total,
				pickupCode: newPickupCode(tx, villageId),
				placedBy: viewer.userId,
				onBehalfOfMemberId,
				clientToken: input.token ?? null,
				createdAt: now
			})
			.returning()
			.get();
		for (const l of lines) {
			tx.insert(shopOrderLines)
				.values({
					orderId: order.id,
					itemId: l.item.id,
					quantity: l.quantity,
					unitPoints: l.item.pointsPrice
				})
				.run();
			moveStock(tx, {
				villageId,
				itemId: l.item.id,
				kind: 'redemption',
				quantity: -l.quantity,
				orderId: order.id,
				actorUserId: viewer.userId,
				at: now
			});
		}

		const number =
			tx
				.select({ number: households.number })
				.from(households)
				.where(eq(households.id, householdId))
				.get()?.number ?? '?';
		const pieces = lines.reduce((sum, l) => sum + l.quantity, 0);
		recordFeed(tx, {
			villageId,
			room: roomName('staff', villageId),
			type: 'order_placed',
			payload: { orderId: order.id, number, points: total, pieces }
		});
		recordFeed(tx, {
			villageId,
			room: roomName('household', householdId),
			type: 'order_ready',
			payload: { orderId: order.id, pickupCode: order.pickupCode, points: total }
		});
		recordAudit(tx, {
			villageId,
			actorUserId: viewer.userId,
			onBehalfOfMemberId,
			action: 'shop.order',
			subjectType: 'order',
			subjectId: order.id,
			detail: { total, lines: input.lines }
		});
		return { ...orderView(order, { showCode: true }, tx), created: true };
	});
}
