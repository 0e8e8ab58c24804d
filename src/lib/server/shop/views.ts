import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { db, type DB, type Tx } from '$lib/server/db';
import {
	FUNDING_SOURCES,
	ORDER_STATUSES,
	STOCK_KINDS,
	households,
	members,
	shopItems,
	shopOrderLines,
	type ShopOrder
} from '$lib/server/db/schema';

export const ZItemView = z.object({
	id: z.number().int(),
	name: z.string(),
	category: z.string(),
	pointsPrice: z.number().int(),
	monthlyLimit: z.number().int().nullable(),
	active: z.boolean(),
	sortOrder: z.number().int(),
	stock: z.number().int(),
	/** The item's photo (public: src/routes/photos/[key]), or null. */
	photoKey: z.string().nullable()
});
export type ItemView = z.infer<typeof ZItemView>;

export const ZOrderView = z.object({
	id: z.number().int(),
	villageId: z.number().int(),
	householdId: z.number().int(),
	householdNumber: z.string(),
	headName: z.string().nullable(),
	status: z.enum(ORDER_STATUSES),
	totalPoints: z.number().int(),
	/** Null where the viewer shouldn't see it (the shop's list: the villager tells the code). */
	pickupCode: z.string().nullable(),
	createdAt: z.string(),
	handedOverAt: z.string().nullable(),
	cancelledAt: z.string().nullable(),
	cancelReason: z.string().nullable(),
	lines: z.array(
		z.object({
			itemId: z.number().int(),
			name: z.string(),
			quantity: z.number().int(),
			unitPoints: z.number().int()
		})
	)
});
export type OrderView = z.infer<typeof ZOrderView>;

export const ZMovementView = z.object({
	id: z.number().int(),
	itemId: z.number().int(),
	itemName: z.string(),
	kind: z.enum(STOCK_KINDS),
	quantity: z.number().int(),
	donor: z.string().nullable(),
	fundingSource: z.enum(FUNDING_SOURCES).nullable(),
	valueYuan: z.number().int().nullable(),
	reason: z.string().nullable(),
	orderId: z.number().int().nullable(),
	createdAt: z.string()
});
export type MovementView = z.infer<typeof ZMovementView>;

/** A stock movement as written (the API's answer to recording one). */
export const ZMovementRow = z.object({
	id: z.number().int(),
	itemId: z.number().int(),
	kind: z.enum(STOCK_KINDS),
	quantity: z.number().int(),
	donor: z.string().nullable(),
	fundingSource: z.enum(FUNDING_SOURCES).nullable(),
	valueYuan: z.number().int().nullable(),
	reason: z.string().nullable(),
	orderId: z.number().int().nullable(),
	createdAt: z.string()
});

export const ZDonationView = z.object({
	id: z.number().int(),
	itemName: z.string(),
	quantity: z.number().int(),
	donor: z.string(),
	fundingSource: z.enum(FUNDING_SOURCES),
	valueYuan: z.number().int().nullable(),
	createdAt: z.string()
});

export const ZDonations = z.object({
	village: z.object({ name: z.string(), code: z.string() }),
	donations: z.array(ZDonationView)
});
export type Donations = z.infer<typeof ZDonations>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Orders with their lines, household number and head's name, in the given order. */
export function orderViews(
	orders: ShopOrder[],
	options: { showCode: boolean },
	q: DB | Tx = db
): OrderView[] {
	if (orders.length === 0) return [];
	const ids = orders.map((o) => o.id);
	const lines = q
		.select({
			orderId: shopOrderLines.orderId,
			itemId: shopOrderLines.itemId,
			name: shopItems.name,
			quantity: shopOrderLines.quantity,
			unitPoints: shopOrderLines.unitPoints
		})
		.from(shopOrderLines)
		.innerJoin(shopItems, eq(shopItems.id, shopOrderLines.itemId))
		.where(inArray(shopOrderLines.orderId, ids))
		.orderBy(asc(shopOrderLines.id))
		.all();
	const homes = new Map(
		q
			.select({ id: households.id, number: households.number, headName: members.name })
			.from(households)
			.leftJoin(members, eq(members.id, households.headMemberId))
			.where(
				inArray(
					households.id,
					orders.map((o) => o.householdId)
				)
			)
			.all()
			.map((h) => [h.id, h])
	);
	return orders.map((o) => ({
		id: o.id,
		villageId: o.villageId,
		householdId: o.householdId,
		householdNumber: homes.get(o.householdId)?.number ?? '',
		headName: homes.get(o.householdId)?.headName ?? null,
		status: o.status,
		totalPoints: o.totalPoints,
		pickupCode: options.showCode && o.status === 'reserved' ? o.pickupCode : null,
		createdAt: o.createdAt.toISOString(),
		handedOverAt: iso(o.handedOverAt),
		cancelledAt: iso(o.cancelledAt),
		cancelReason: o.cancelReason,
		lines: lines
			.filter((l) => l.orderId === o.id)
			.map(({ itemId, name, quantity, unitPoints }) => ({ itemId, name, quantity, unitPoints }))
	}));
}

export function orderView(order: ShopOrder, options: { showCode: boolean }, q: DB | Tx = db) {
	return orderViews([order], options, q)[0]!;
}
