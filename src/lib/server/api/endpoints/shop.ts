import { z } from 'zod';
import { DomainError } from '$lib/server/errors';
import { zId } from '$lib/server/http/fields';
import { STOCK_COUNT_STATUSES, type StockCount } from '$lib/server/db/schema';
import { cancelOrder } from '$lib/server/shop/cancel-order';
import { decideStockCount } from '$lib/server/shop/decide-stock-count';
import { findOrderByCode } from '$lib/server/shop/find-order-by-code';
import { handOverOrder } from '$lib/server/shop/hand-over-order';
import { listCatalog } from '$lib/server/shop/list-catalog';
import { listDonations } from '$lib/server/shop/list-donations';
import { listHouseholdOrders } from '$lib/server/shop/list-household-orders';
import { listItems } from '$lib/server/shop/list-items';
import { listOpenOrders } from '$lib/server/shop/list-open-orders';
import { listStockCounts, ZStockCountView } from '$lib/server/shop/list-stock-counts';
import { listStockMovements } from '$lib/server/shop/list-stock-movements';
import { placeOrder } from '$lib/server/shop/place-order';
import { recordStockIn } from '$lib/server/shop/record-stock-in';
import { recordStocktake } from '$lib/server/shop/record-stocktake';
import { saveItem } from '$lib/server/shop/save-item';
import {
	ZCancelOrder,
	ZDecideStockCount,
	ZPickupCode,
	ZPlaceOrder,
	ZSaveItem,
	ZStockIn,
	ZStocktake
} from '$lib/server/shop/schemas';
import {
	orderView,
	ZDonations,
	ZItemView,
	ZMovementRow,
	ZMovementView,
	ZOrderView
} from '$lib/server/shop/views';
import { defineEndpoint } from '../endpoint';

/**
 * The points supermarket (积分超市): the public catalog and donations, the shop's items and
 * stock book, and orders — placed by a household (points reserved, stock taken), handed over by
 * the shop (points posted) or cancelled (stock back, points free).
 */

const tag = 'shop';
const ZIdParams = z.object({ id: zId });
const ZVillageQuery = z.object({ village: z.string().trim().min(1).max(40).optional() });
const iso = <T extends { createdAt: Date }>(row: T) => ({
	...row,
	createdAt: row.createdAt.toISOString()
});

const ZCatalog = z.object({
	village: z.object({
		id: z.number().int(),
		name: z.string(),
		code: z.string(),
		redeemThreshold: z.number().int()
	}),
	items: z.array(ZItemView.extend({ affordable: z.boolean() })),
	household: z
		.object({
			householdId: z.number().int(),
			balance: z.number().int(),
			reserved: z.number().int(),
			spendable: z.number().int(),
			earned: z.number().int(),
			threshold: z.number().int(),
			basis: z.enum(['balance', 'earned']),
			measured: z.number().int(),
			thresholdMet: z.boolean(),
			mayOrder: z.boolean()
		})
		.nullable()
});

export const shopCatalogEndpoint = defineEndpoint({
	method: 'GET',
	path: '/shop/catalog',
	summary:
		'A village’s catalog (public: ?village=<code>; signed in: own village by default, with what the household can afford now)',
	tag,
	auth: false,
	query: ZVillageQuery,
	response: ZCatalog,
	handler: ({ viewer, query, event }) =>
		listCatalog(viewer, query.village ?? (viewer ? null : ''), {
			onBehalfOfMemberId: event.locals.actingFor?.memberId ?? null
		})
});

export const shopDonationsEndpoint = defineEndpoint({
	method: 'GET',
	path: '/shop/donations',
	summary: 'Donations to a village’s points supermarket: who gave what, when (public)',
	tag,
	auth: false,
	query: z.object({ village: z.string().trim().min(1).max(40) }),
	response: ZDonations,
	handler: ({ viewer, query }) => listDonations(viewer, query.village)
});

export const listShopItemsEndpoint = defineEndpoint({
	method: 'GET',
	path: '/shop/items',
	summary: 'Every item of the village, inactive ones too, with stock (shopkeeper, committee)',
	tag,
	auth: true,
	response: z.array(ZItemView),
	handler: ({ viewer }) => listItems(viewer)
});

export const addShopItemEndpoint = defineEndpoint({
	method: 'POST',
	path: '/shop/items',
	summary:
		'Add an item to the catalog (shopkeeper, committee); active=true puts it on sale. Stock comes from stock movements.',
	tag,
	auth: true,
	body: ZSaveItem,
	response: ZItemView,
	status: 201,
	handler: ({ viewer, body }) => saveItem(viewer, null, body)
});

export const editShopItemEndpoint = defineEndpoint({
	method: 'PUT',
	path: '/shop/items/{id}',
	summary:
		'Edit an item: name, category, price, monthly limit, order, active (deactivate: active=false)',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZSaveItem,
	response: ZItemView,
	handler: ({ viewer, params, body }) => saveItem(viewer, params.id, body)
});

export const listStockMovementsEndpoint = defineEndpoint({
	method: 'GET',
	path: '/shop/stock-movements',
	summary: 'The stock book, newest first (?itemId=…) (shopkeeper, committee)',
	tag,
	auth: true,
	query: z.object({ itemId: zId.optional() }),
	response: z.array(ZMovementView),
	handler: ({ viewer, query }) => listStockMovements(viewer, { itemId: query.itemId })
});

export const recordStockInEndpoint = defineEndpoint({
	method: 'POST',
	path: '/shop/stock-movements',
	summary:
		'Goods in: a purchase, or a donation with donor and funding source (村集体 / 共建单位 / 社会捐赠), optional value in yuan. Send an Idempotency-Key.',
	tag,
	auth: true,
	body: ZStockIn,
	response: ZMovementRow,
	status: 201,
	handler: ({ viewer, body }) => iso(recordStockIn(viewer, body))
});

const ZStockCountRow = z.object({
	id: z.number().int(),
	itemId: z.number().int(),
	expected: z.number().int(),
	counted: z.number().int(),
	reason: z.string(),
	status: z.enum(STOCK_COUNT_STATUSES),
	movementId: z.number().int().nullable(),
	createdAt: z.string()
});
const countRow = (c: StockCount) => ({
	id: c.id,
	itemId: c.itemId,
	expected: c.expected,
	counted: c.counted,
	reason: c.reason,
	status: c.status,
	movementId: c.movementId,
	createdAt: c.createdAt.toISOString()
});

export const recordStocktakeEndpoint = defineEndpoint({
	method: 'POST',
	path: '/shop/stocktakes',
	summary:
		'A stocktake of one item: what was counted and why it differs. A difference waits for the committee’s confirmation before the books change.',
	tag,
	auth: true,
	body: ZStocktake,
	response: z.object({
		expected: z.number().int(),
		counted: z.number().int(),
		difference: z.number().int(),
		count: ZStockCountRow.nullable()
	}),
	status: 201,
	handler: ({ viewer, body }) => {
		const result = recordStocktake(viewer, body);
		return { ...result, count: result.count ? countRow(result.count) : null };
	}
});

export const listStocktakesEndpoint = defineEndpoint({
	method: 'GET',
	path: '/shop/stocktakes',
	summary:
		'Stocktake counts, newest first (?status=pending: differences waiting for the committee)',
	tag,
	auth: true,
	query: z.object({ status: z.enum(STOCK_COUNT_STATUSES).optional() }),
	response: z.array(ZStockCountView),
	handler: ({ viewer, query }) => listStockCounts(viewer, { status: query.status })
});

export const decideStocktakeEndpoint = defineEndpoint({
	method: 'POST',
	path: '/shop/stocktakes/{id}/decide',
	summary:
		'The committee confirms a stocktake difference (confirm=true: the books are corrected) or sends it back (confirm=false)',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZDecideStockCount,
	response: ZStockCountRow,
	handler: ({ viewer, params, body }) => countRow(decideStockCount(viewer, params.id, body))
});

export const listOrdersEndpoint = defineEndpoint({
	method: 'GET',
	path: '/shop/orders',
	summary: 'The caller’s household’s orders, newest first, with pickup codes of open ones',
	tag,
	auth: true,
	response: z.array(ZOrderView),
	handler: ({ viewer, event }) => {
		const householdId = event.locals.actingFor?.householdId ?? viewer?.householdId ?? null;
		if (householdId === null) throw new DomainError('forbidden');
		return listHouseholdOrders(viewer, householdId);
	}
});

export const placeOrderEndpoint = defineEndpoint({
	method: 'POST',
	path: '/shop/orders',
	summary:
		'Order for the caller’s household (head, a member the head allows, or 代办): checks threshold, points, stock, monthly limits; reserves the points and takes the stock. Send an Idempotency-Key.',
	tag,
	auth: true,
	body: ZPlaceOrder,
	response: ZOrderView.extend({ created: z.boolean() }),
	status: 201,
	handler: ({ viewer, body, event }) =>
		placeOrder(viewer, body, { onBehalfOfMemberId: event.locals.actingFor?.memberId ?? null })
});

export const openOrdersEndpoint = defineEndpoint({
	method: 'GET',
	path: '/shop/orders/open',
	summary: 'The village’s orders waiting to be handed over, oldest first (shopkeeper, committee)',
	tag,
	auth: true,
	response: z.array(ZOrderView),
	handler: ({ viewer }) => listOpenOrders(viewer)
});

export const handOverOrderEndpoint = defineEndpoint({
	method: 'POST',
	path: '/shop/orders/{id}/hand-over',
	summary: 'Hand an open order over: the redeem entry is posted (shopkeeper, committee)',
	tag,
	auth: true,
	params: ZIdParams,
	response: ZOrderView,
	handler: ({ viewer, params }) => handOverOrder(viewer, { orderId: params.id })
});

export const cancelOrderEndpoint = defineEndpoint({
	method: 'POST',
	path: '/shop/orders/{id}/cancel',
	summary:
		'Cancel an open order (the household before hand-over, or the shop): stock back, points free',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZCancelOrder,
	response: ZOrderView,
	handler: ({ viewer, params, body, event }) =>
		cancelOrder(viewer, params.id, body, {
			onBehalfOfMemberId: event.locals.actingFor?.memberId ?? null
		})
});

export const findPickupEndpoint = defineEndpoint({
	method: 'GET',
	path: '/shop/pickup',
	summary: 'The open order a pickup code names, in the caller’s village (shopkeeper, committee)',
	tag,
	auth: true,
	query: ZPickupCode,
	response: ZOrderView,
	handler: ({ viewer, query }) => orderView(findOrderByCode(viewer, query.code), { showCode: true })
});

export const handOverPickupEndpoint = defineEndpoint({
	method: 'POST',
	path: '/shop/pickup',
	summary: 'Hand over the open order a pickup code names (shopkeeper, committee)',
	tag,
	auth: true,
	body: ZPickupCode,
	response: ZOrderView,
	handler: ({ viewer, body }) => handOverOrder(viewer, { code: body.code })
});
