import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import * as api from '$lib/server/api/endpoints/shop';
import { db } from '$lib/server/db';
import { shopOrders } from '$lib/server/db/schema';
import { callEndpoint } from './api-helpers';
import { expectLedgerInvariants } from './ledger-helpers';
import { balanceOf, expectStockInvariants, makeShopWorld, stockOf } from './shop-helpers';

afterEach(() => {
	expectLedgerInvariants();
	expectStockInvariants();
});

describe('the shop over /api/v1', () => {
	it('an order retried with the same Idempotency-Key is one order', async () => {
		const w = makeShopWorld();
		const oil = w.item('花生油', 800, 5);
		const home = w.homes[0]!;
		const body = { lines: [{ itemId: oil.id, quantity: 1 }] };
		const headers = { 'idempotency-key': 'shop-order-retry-1' };
		const [first, second] = await Promise.all([
			callEndpoint(api.placeOrderEndpoint, { viewer: home.viewer, body, headers }),
			callEndpoint(api.placeOrderEndpoint, { viewer: home.viewer, body, headers })
		]);
		expect(first.status).toBe(201);
		expect([201, 409]).toContain(second.status);
		if (second.status === 201) expect(second.body.id).toBe(first.body.id);
		const retry = await callEndpoint(api.placeOrderEndpoint, {
			viewer: home.viewer,
			body,
			headers
		});
		expect(retry).toMatchObject({ status: 201, body: { id: first.body.id } });
		expect(
			db.select().from(shopOrders).where(eq(shopOrders.householdId, home.household.id)).all()
		).toHaveLength(1);
		expect(stockOf(oil.id)).toBe(4);
	});

	it('refuses with the rule that refused, as JSON', async () => {
		const w = makeShopWorld({ redeemThreshold: 3000 });
		const oil = w.item('花生油', 800, 5);
		const res = await callEndpoint(api.placeOrderEndpoint, {
			viewer: w.homes[0]!.viewer,
			body: { lines: [{ itemId: oil.id, quantity: 1 }] }
		});
		expect(res.status).toBe(409);
		expect(res.body.error).toMatchObject({
			code: 'shop_threshold_not_met',
			details: { threshold: 3000, basis: 'balance', have: 2000 }
		});
		expect(res.body.error.message).toContain('3000');
		const bad = await callEndpoint(api.placeOrderEndpoint, {
			viewer: w.homes[0]!.viewer,
			body: { lines: [] }
		});
		expect(bad.status).toBe(400);
		expect(bad.body.error.message).toContain('还没选东西');
	});

	it('the shop finds an order by pickup code and hands it over; the household sees it closed', async () => {
		const w = makeShopWorld();
		const rice = w.item('大米', 600, 5);
		const home = w.homes[0]!;
		const placed = await callEndpoint(api.placeOrderEndpoint, {
			viewer: home.viewer,
			body: { lines: [{ itemId: rice.id, quantity: 2 }] }
		});
		const code = placed.body.pickupCode as string;
		const open = await callEndpoint(api.openOrdersEndpoint, { viewer: w.shopkeeper });
		expect(open.body.map((o: { id: number }) => o.id)).toEqual([placed.body.id]);
		const found = await callEndpoint(api.findPickupEndpoint, {
			viewer: w.shopkeeper,
			query: { code }
		});
		expect(found.body).toMatchObject({ id: placed.body.id, totalPoints: 1200 });
		// A villager can't hand over their own order.
		const self = await callEndpoint(api.handOverPickupEndpoint, {
			viewer: home.viewer,
			body: { code }
		});
		expect(self.status).toBe(403);
		const done = await callEndpoint(api.handOverPickupEndpoint, {
			viewer: w.shopkeeper,
			body: { code }
		});
		expect(done).toMatchObject({ status: 200, body: { status: 'handed_over' } });
		expect(balanceOf(home.household.id)).toBe(800);
		const mine = await callEndpoint(api.listOrdersEndpoint, { viewer: home.viewer });
		expect(mine.body).toMatchObject([
			{ id: placed.body.id, status: 'handed_over', pickupCode: null }
		]);
		const cancel = await callEndpoint(api.cancelOrderEndpoint, {
			viewer: home.viewer,
			params: { id: String(placed.body.id) },
			body: {}
		});
		expect(cancel).toMatchObject({ status: 409, body: { error: { code: 'order_not_open' } } });
	});

	it('another village’s pickup code is not found', async () => {
		const here = makeShopWorld();
		const there = makeShopWorld();
		const oil = there.item('花生油', 800, 5);
		const placed = await callEndpoint(api.placeOrderEndpoint, {
			viewer: there.homes[0]!.viewer,
			body: { lines: [{ itemId: oil.id, quantity: 1 }] }
		});
		for (const res of [
			await callEndpoint(api.findPickupEndpoint, {
				viewer: here.shopkeeper,
				query: { code: placed.body.pickupCode }
			}),
			await callEndpoint(api.handOverPickupEndpoint, {
				viewer: here.shopkeeper,
				body: { code: placed.body.pickupCode }
			}),
			await callEndpoint(api.handOverOrderEndpoint, {
				viewer: here.shopkeeper,
				params: { id: String(placed.body.id) }
			})
		]) {
			expect(res.status).toBe(404);
		}
	});

	it('stock in, donations (public), stocktake and the catalog', async () => {
		const w = makeShopWorld();
		const item = await callEndpoint(api.addShopItemEndpoint, {
			viewer: w.shopkeeper,
			body: { name: '保温杯', category: '日用品', pointsPrice: 700, monthlyLimit: 1 }
		});
		expect(item).toMatchObject({ status: 201, body: { name: '保温杯', stock: 0, active: false } });
		const edited = await callEndpoint(api.editShopItemEndpoint, {
			viewer: w.committee,
			params: { id: String(item.body.id) },
			body: { name: '保温杯', category: '日用品', pointsPrice: 700, monthlyLimit: 1, active: true }
		});
		expect(edited.body.active).toBe(true);
		const noDonor = await callEndpoint(api.recordStockInEndpoint, {
			viewer: w.shopkeeper,
			body: { itemId: item.body.id, kind: 'donation', quantity: 10 }
		});
		expect(noDonor.status).toBe(400);
		const gift = await callEndpoint(api.recordStockInEndpoint, {
			viewer: w.shopkeeper,
			body: {
				itemId: item.body.id,
				kind: 'donation',
				quantity: 10,
				donor: '县供电公司',
				fundingSource: '共建单位',
				valueYuan: 350
			}
		});
		expect(gift).toMatchObject({ status: 201, body: { kind: 'donation', quantity: 10 } });
		const villager = await callEndpoint(api.recordStockInEndpoint, {
			viewer: w.homes[0]!.viewer,
			body: { itemId: item.body.id, kind: 'purchase', quantity: 10 }
		});
		expect(villager.status).toBe(403);
		// The shopkeeper counts 8 of 10: the difference waits for the committee.
		const counted = await callEndpoint(api.recordStocktakeEndpoint, {
			viewer: w.shopkeeper,
			body: { itemId: item.body.id, counted: 8, reason: '两只破损' }
		});
		expect(counted.body).toMatchObject({
			expected: 10,
			counted: 8,
			difference: -2,
			count: { status: 'pending' }
		});
		expect(stockOf(item.body.id)).toBe(10);
		const pending = await callEndpoint(api.listStocktakesEndpoint, {
			viewer: w.committee,
			query: { status: 'pending' }
		});
		expect(pending.body).toMatchObject([
			{ itemName: '保温杯', difference: -2, reason: '两只破损' }
		]);
		const byShop = await callEndpoint(api.decideStocktakeEndpoint, {
			viewer: w.shopkeeper,
			params: { id: String(counted.body.count.id) },
			body: { confirm: true }
		});
		expect(byShop.status).toBe(403);
		const confirmed = await callEndpoint(api.decideStocktakeEndpoint, {
			viewer: w.committee,
			params: { id: String(counted.body.count.id) },
			body: { confirm: true }
		});
		expect(confirmed.body).toMatchObject({ status: 'confirmed' });
		expect(stockOf(item.body.id)).toBe(8);
		const donations = await callEndpoint(api.shopDonationsEndpoint, {
			query: { village: w.village.code }
		});
		expect(donations.body.donations).toMatchObject([
			{
				itemName: '保温杯',
				quantity: 10,
				donor: '县供电公司',
				fundingSource: '共建单位',
				valueYuan: 350
			}
		]);
		const catalog = await callEndpoint(api.shopCatalogEndpoint, {
			query: { village: w.village.code }
		});
		expect(catalog.body).toMatchObject({
			household: null,
			items: [{ name: '保温杯', pointsPrice: 700, stock: 8, affordable: false }]
		});
	});
});
