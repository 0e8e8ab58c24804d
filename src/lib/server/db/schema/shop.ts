import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { createdAt, id } from './columns';
import { households, members } from './people';
import { villages } from './villages';

/**
 * The points supermarket (积分超市). An item's stock is never set directly: every change is a
 * stock movement, and `shopItems.stock` is a cache of the sum of its movements, updated in the
 * same transaction (src/lib/server/shop/move-stock.ts) — with a CHECK that it never goes below
 * zero, so even a bug above can't oversell.
 */
export const shopItems = sqliteTable(
	'shop_items',
	{
		id: id(),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		name: text().notNull(),
		category: text().notNull().default(''),
		pointsPrice: integer().notNull(),
		/** Most units one household may redeem in a calendar month (Asia/Shanghai); null: no limit. */
		monthlyLimit: integer(),
		/** A photo under the uploads dir (not yet set by any page). */
		photoKey: text(),
		active: integer({ mode: 'boolean' }).notNull().default(true),
		sortOrder: integer().notNull().default(0),
		/** Cache of sum(stock_movements.quantity) for the item. */
		stock: integer().notNull().default(0),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('shop_items_village_name').on(t.villageId, t.name),
		check('shop_items_price', sql`${t.pointsPrice} > 0`),
		check('shop_items_limit', sql`${t.monthlyLimit} is null or ${t.monthlyLimit} > 0`),
		check('shop_items_stock', sql`${t.stock} >= 0`)
	]
);

export type ShopItem = typeof shopItems.$inferSelect;

/**
 * purchase: bought in · donation: given (donor and funding source required) · redemption: taken by
 * an order · return: an order's goods back on the shelf when it is cancelled · stocktake: a
 * correction after counting, with a reason.
 */
export const STOCK_KINDS = ['purchase', 'donation', 'redemption', 'return', 'stocktake'] as const;
export type StockKind = (typeof STOCK_KINDS)[number];

export const FUNDING_SOURCES = ['村集体', '共建单位', '社会捐赠'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const stockMovements = sqliteTable(
	'stock_movements',
	{
		id: id(),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		itemId: integer()
			.notNull()
			.references(() => shopItems.id),
		kind: text({ enum: STOCK_KINDS }).notNull(),
		/** Signed: in > 0, out < 0. */
		quantity: integer().notNull(),
		/** Who gave it (donations; public on the donations page). */
		donor: text(),
		fundingSource: text({ enum: FUNDING_SOURCES }),
		/** What the goods are worth, in whole yuan (optional). */
		valueYuan: integer(),
		/** Why: a stocktake's reason, or a note. */
		reason: text(),
		orderId: integer().references(() => shopOrders.id),
		/** Who recorded it. */
		actorUserId: integer().references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [
		index('stock_movements_item').on(t.itemId, t.id),
		index('stock_movements_village_kind').on(t.villageId, t.kind, t.id),
		check(
			'stock_movements_sign',
			sql`(${t.kind} in ('purchase', 'donation', 'return') and ${t.quantity} > 0)
			or (${t.kind} = 'redemption' and ${t.quantity} < 0)
			or (${t.kind} = 'stocktake' and ${t.quantity} <> 0)`
		),
		check(
			'stock_movements_donation',
			sql`${t.kind} <> 'donation' or (length(${t.donor}) > 0 and ${t.fundingSource} is not null)`
		),
		check('stock_movements_stocktake', sql`${t.kind} <> 'stocktake' or length(${t.reason}) > 0`),
		check(
			'stock_movements_order',
			sql`(${t.kind} in ('redemption', 'return')) = (${t.orderId} is not null)`
		),
		check('stock_movements_value', sql`${t.valueYuan} is null or ${t.valueYuan} >= 0`)
	]
);

export type StockMovement = typeof stockMovements.$inferSelect;

/**
 * reserved: points held back (not yet in the ledger) and stock taken, waiting at the shop ·
 * handed_over: goods given, the redeem entry posted (ledger source ('order', id)) ·
 * cancelled: stock returned, nothing posted.
 */
export const ORDER_STATUSES = ['reserved', 'handed_over', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const shopOrders = sqliteTable(
	'shop_orders',
	{
		id: id(),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		householdId: integer()
			.notNull()
			.references(() => households.id),
		status: text({ enum: ORDER_STATUSES }).notNull().default('reserved'),
		totalPoints: integer().notNull(),
		/** Six digits, unique among the village's reserved orders (a partial unique index). */
		pickupCode: text().notNull(),
		placedBy: integer()
			.notNull()
			.references(() => users.id),
		/** 代办: the member the order was placed for. */
		onBehalfOfMemberId: integer().references(() => members.id),
		/** The order form's one-time token: a double tap or a resent form makes one order. */
		clientToken: text(),
		createdAt: createdAt(),
		handedOverAt: integer({ mode: 'timestamp_ms' }),
		handedOverBy: integer().references(() => users.id),
		cancelledAt: integer({ mode: 'timestamp_ms' }),
		cancelledBy: integer().references(() => users.id),
		cancelReason: text()
	},
	(t) => [
		uniqueIndex('shop_orders_open_code')
			.on(t.villageId, t.pickupCode)
			.where(sql`${t.status} = 'reserved'`),
		uniqueIndex('shop_orders_client_token').on(t.householdId, t.clientToken),
		index('shop_orders_household').on(t.householdId, t.id),
		index('shop_orders_village_status').on(t.villageId, t.status, t.id),
		check('shop_orders_total', sql`${t.totalPoints} > 0`),
		check('shop_orders_code', sql`length(${t.pickupCode}) = 6`),
		check(
			'shop_orders_handed_over',
			sql`${t.status} <> 'handed_over' or (${t.handedOverAt} is not null and ${t.handedOverBy} is not null)`
		),
		check('shop_orders_cancelled', sql`${t.status} <> 'cancelled' or ${t.cancelledAt} is not null`)
	]
);

export type ShopOrder = typeof shopOrders.$inferSelect;

export const shopOrderLines = sqliteTable(
	'shop_order_lines',
	{
		id: id(),
		orderId: integer()
			.notNull()
			.references(() => shopOrders.id),
		itemId: integer()
			.notNull()
			.references(() => shopItems.id),
		quantity: integer().notNull(),
		/** The item's price when ordered. */
		unitPoints: integer().notNull()
	},
	(t) => [
		uniqueIndex('shop_order_lines_item').on(t.orderId, t.itemId),
		index('shop_order_lines_item_idx').on(t.itemId),
		check('shop_order_lines_quantity', sql`${t.quantity} > 0`),
		check('shop_order_lines_points', sql`${t.unitPoints} > 0`)
	]
);

export type ShopOrderLine = typeof shopOrderLines.$inferSelect;

/**
 * A stocktake count of one item: the shopkeeper counts, the difference from the books is shown,
 * and the committee confirms it (the correction is then a stocktake movement, `movementId`) or
 * rejects it (count again). Until confirmed the books are unchanged.
 */
export const STOCK_COUNT_STATUSES = ['pending', 'confirmed', 'rejected'] as const;
export type StockCountStatus = (typeof STOCK_COUNT_STATUSES)[number];

export const stockCounts = sqliteTable(
	'stock_counts',
	{
		id: id(),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		itemId: integer()
			.notNull()
			.references(() => shopItems.id),
		/** The books when counted. */
		expected: integer().notNull(),
		counted: integer().notNull(),
		/** Why the shelf differs from the books. */
		reason: text().notNull(),
		status: text({ enum: STOCK_COUNT_STATUSES }).notNull().default('pending'),
		countedBy: integer()
			.notNull()
			.references(() => users.id),
		decidedBy: integer().references(() => users.id),
		decidedAt: integer({ mode: 'timestamp_ms' }),
		/** The committee's note when it rejects a count. */
		decisionNote: text(),
		movementId: integer().references(() => stockMovements.id),
		createdAt: createdAt()
	},
	(t) => [
		index('stock_counts_village_status').on(t.villageId, t.status, t.id),
		check('stock_counts_counted', sql`${t.counted} >= 0 and ${t.expected} >= 0`),
		check('stock_counts_differs', sql`${t.counted} <> ${t.expected}`),
		check('stock_counts_reason', sql`length(${t.reason}) > 0`),
		check(
			'stock_counts_confirmed',
			sql`${t.status} <> 'confirmed' or (${t.movementId} is not null and ${t.decidedBy} is not null)`
		)
	]
);

export type StockCount = typeof stockCounts.$inferSelect;
