import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { feedEvents, ledgerEntries, shopOrders, stockMovements } from '$lib/server/db/schema';
import { DomainError, type ErrorCode } from '$lib/server/errors';
import { cancelOrder } from '$lib/server/shop/cancel-order';
import { findOrderByCode } from '$lib/server/shop/find-order-by-code';
import { handOverOrder } from '$lib/server/shop/hand-over-order';
import { listCatalog } from '$lib/server/shop/list-catalog';
import { listHouseholdOrders } from '$lib/server/shop/list-household-orders';
import { listOpenOrders } from '$lib/server/shop/list-open-orders';
import { placeOrder } from '$lib/server/shop/place-order';
import { saveItem } from '$lib/server/shop/save-item';
import { shopStanding } from '$lib/server/shop/standing';
import { expectLedgerInvariants, post } from './ledger-helpers';
import {
	balanceOf,
	expectStockInvariants,
	makeHome,
	makeHousemate,
	makeShopWorld,
	stockOf
} from './shop-helpers';

afterEach(() => {
	expectLedgerInvariants();
	expectStockInvariants();
});

function refused(code: ErrorCode, fn: () => unknown): DomainError {
	let caught: unknown;
	try {
		fn();
	} catch (e) {
		caught = e;
	}
	expect(caught).toBeInstanceOf(DomainError);
	expect((caught as DomainError).code).toBe(code);
	return caught as DomainError;
}

const redeemEntries = (householdId: number) =>
	db
		.select()
		.from(ledgerEntries)
		.where(and(eq(ledgerEntries.householdId, householdId), eq(ledgerEntries.kind, 'redeem')))
		.all();

describe('placing an order', () => {
	it('takes the stock and reserves the points without posting them', () => {
		const w = makeShopWorld();
		const oil = w.item('花生油', 800, 5);
		const soap = w.item('洗衣粉', 600, 5);
		const home = w.homes[0]!;
		const order = placeOrder(home.viewer, {
			lines: [
				{ itemId: oil.id, quantity: 1 },
				{ itemId: soap.id, quantity: 2 }
			]
		});
		expect(order).toMatchObject({ status: 'reserved', totalPoints: 2000, created: true });
		expect(order.pickupCode).toMatch(/^\d{6}$/);
		expect(order.lines.map((l) => [l.name, l.quantity, l.unitPoints])).toEqual([
			['花生油', 1, 800],
			['洗衣粉', 2, 600]
		]);
		expect(stockOf(oil.id)).toBe(4);
		expect(stockOf(soap.id)).toBe(3);
		// Reserved, not posted: the balance is unchanged, what can be spent is not.
		expect(balanceOf(home.household.id)).toBe(2000);
		expect(redeemEntries(home.household.id)).toEqual([]);
		expect(shopStanding(home.household.id)).toMatchObject({ reserved: 2000, spendable: 0 });
		// The shop hears of it, the household gets its code; both after commit, as feed rows.
		const feed = db.select().from(feedEvents).where(eq(feedEvents.villageId, w.village.id)).all();
		expect(feed.map((f) => [f.room, f.type])).toEqual([
			[`staff:${w.village.id}`, 'order_placed'],
			[`household:${home.household.id}`, 'order_ready']
		]);
		expect(feed[1]!.payload).toEqual({
			orderId: order.id,
			pickupCode: order.pickupCode,
			points: 2000
		});
	});

	it('refuses a second order the reserved points can no longer cover', () => {
		const w = makeShopWorld({}, [1500]);
		const rice = w.item('大米', 800, 10);
		const home = w.homes[0]!;
		placeOrder(home.viewer, { lines: [{ itemId: rice.id, quantity: 1 }] });
		// 700 left to spend: over no threshold either (600 default? 700 ≥ 600), but 800 > 700.
		const e = refused('shop_insufficient_points', () =>
			placeOrder(home.viewer, { lines: [{ itemId: rice.id, quantity: 1 }] })
		);
		expect(e.userMessage()).toContain('700');
		expect(stockOf(rice.id)).toBe(9);
	});

	it('makes one order of a double-submitted form (same token)', () => {
		const w = makeShopWorld();
		const towel = w.item('毛巾', 600, 5);
		const home = w.homes[0]!;
		const input = { lines: [{ itemId: towel.id, quantity: 1 }], token: 'tok-abcdefgh-1' };
		const first = placeOrder(home.viewer, input);
		const again = placeOrder(home.viewer, input);
		expect(again).toMatchObject({ id: first.id, created: false });
		expect(stockOf(towel.id)).toBe(4);
		expect(
			db.select().from(shopOrders).where(eq(shopOrders.householdId, home.household.id)).all()
		).toHaveLength(1);
	});

	it('says which rule refused: inactive item, stock, monthly limit', () => {
		const w = makeShopWorld({}, [5000]);
		const home = w.homes[0]!;
		const old = w.item('旧茶杯', 600, 3);
		saveItem(w.committee, old.id, { name: '旧茶杯', pointsPrice: 600, active: false });
		expect(
			refused('shop_item_inactive', () =>
				placeOrder(home.viewer, { lines: [{ itemId: old.id, quantity: 1 }] })
			).userMessage()
		).toContain('旧茶杯');

		const few = w.item('电饭煲', 1000, 1);
		expect(
			refused('shop_out_of_stock', () =>
				placeOrder(home.viewer, { lines: [{ itemId: few.id, quantity: 2 }] })
			).userMessage()
		).toContain('电饭煲');

		const eggs = w.item('鸡蛋', 600, 10, 2);
		const may = new Date('2026-05-31T15:00:00Z'); // 2026-05-31 23:00 in the village
		const june = new Date('2026-05-31T16:30:00Z'); // 2026-06-01 00:30 in the village
		placeOrder(home.viewer, { lines: [{ itemId: eggs.id, quantity: 1 }] }, { now: may });
		const e = refused('shop_monthly_limit', () =>
			placeOrder(home.viewer, { lines: [{ itemId: eggs.id, quantity: 2 }] }, { now: may })
		);
		expect(e.details).toEqual({ itemId: eggs.id, limit: 2, used: 1 });
		placeOrder(home.viewer, { lines: [{ itemId: eggs.id, quantity: 1 }] }, { now: may });
		// A new month (Asia/Shanghai) starts afresh.
		placeOrder(home.viewer, { lines: [{ itemId: eggs.id, quantity: 2 }] }, { now: june });
		expect(stockOf(eggs.id)).toBe(6);
	});

	it('counts handed-over orders toward the monthly limit, cancelled ones not', () => {
		const w = makeShopWorld({}, [5000]);
		const home = w.homes[0]!;
		const eggs = w.item('鸡蛋', 600, 10, 1);
		const first = placeOrder(home.viewer, { lines: [{ itemId: eggs.id, quantity: 1 }] });
		cancelOrder(home.viewer, first.id);
		const second = placeOrder(home.viewer, { lines: [{ itemId: eggs.id, quantity: 1 }] });
		handOverOrder(w.shopkeeper, { code: second.pickupCode! });
		refused('shop_monthly_limit', () =>
			placeOrder(home.viewer, { lines: [{ itemId: eggs.id, quantity: 1 }] })
		);
	});
});

describe('the redemption threshold', () => {
	it('measured on the balance: spendable points must reach it', () => {
		const w = makeShopWorld({ redeemThreshold: 1000, thresholdBasis: 'balance' }, [900, 1600]);
		const soap = w.item('肥皂', 600, 10);
		const [poor, rich] = w.homes as [(typeof w.homes)[0], (typeof w.homes)[0]];
		const e = refused('shop_threshold_not_met', () =>
			placeOrder(poor.viewer, { lines: [{ itemId: soap.id, quantity: 1 }] })
		);
		expect(e.details).toEqual({ threshold: 1000, basis: 'balance', have: 900 });
		expect(e.userMessage()).toContain('1000');
		placeOrder(rich.viewer, { lines: [{ itemId: soap.id, quantity: 1 }] });
		// 1600 − 600 reserved = 1000 still meets it; after a second order 400 does not.
		placeOrder(rich.viewer, { lines: [{ itemId: soap.id, quantity: 1 }] });
		refused('shop_threshold_not_met', () =>
			placeOrder(rich.viewer, { lines: [{ itemId: soap.id, quantity: 1 }] })
		);
	});

	it('measured on points earned to date: spent or lapsed points still count', () => {
		const w = makeShopWorld({ redeemThreshold: 1000, thresholdBasis: 'earned' }, [1200, 900]);
		const soap = w.item('肥皂', 600, 10);
		const [earner, short] = w.homes as [(typeof w.homes)[0], (typeof w.homes)[0]];
		// 500 of the earner's points lapse: balance 700 < 1000, earned to date still 1200.
		post({
			villageId: w.village.id,
			householdId: earner.household.id,
			kind: 'expire',
			points: -500
		});
		placeOrder(earner.viewer, { lines: [{ itemId: soap.id, quantity: 1 }] });
		const e = refused('shop_threshold_not_met', () =>
			placeOrder(short.viewer, { lines: [{ itemId: soap.id, quantity: 1 }] })
		);
		expect(e.details).toEqual({ threshold: 1000, basis: 'earned', have: 900 });
		// Over the threshold, the balance must still cover the total.
		refused('shop_insufficient_points', () =>
			placeOrder(earner.viewer, { lines: [{ itemId: soap.id, quantity: 1 }] })
		);
	});
});

describe('hand-over and cancellation', () => {
	it('hands over by pickup code: posts the redeem entry once, and the household hears', () => {
		const w = makeShopWorld();
		const oil = w.item('花生油', 800, 5);
		const home = w.homes[0]!;
		const order = placeOrder(home.viewer, { lines: [{ itemId: oil.id, quantity: 2 }] });
		expect(listOpenOrders(w.shopkeeper).map((o) => [o.id, o.pickupCode])).toEqual([
			[order.id, null]
		]);
		expect(findOrderByCode(w.shopkeeper, order.pickupCode!).id).toBe(order.id);
		const done = handOverOrder(w.shopkeeper, { code: order.pickupCode! });
		expect(done.status).toBe('handed_over');
		expect(balanceOf(home.household.id)).toBe(400);
		expect(
			redeemEntries(home.household.id).map((e) => [e.points, e.sourceType, e.sourceId])
		).toEqual([[-1600, 'order', order.id]]);
		expect(shopStanding(home.household.id)).toMatchObject({ reserved: 0, spendable: 400 });
		expect(listOpenOrders(w.shopkeeper)).toEqual([]);
		// The code is spent; handing over again (by code or id) posts nothing.
		refused('not_found', () => handOverOrder(w.shopkeeper, { code: order.pickupCode! }));
		refused('order_not_open', () => handOverOrder(w.shopkeeper, { orderId: order.id }));
		expect(redeemEntries(home.household.id)).toHaveLength(1);
		const types = db
			.select({ type: feedEvents.type })
			.from(feedEvents)
			.where(eq(feedEvents.villageId, w.village.id))
			.all()
			.map((f) => f.type);
		expect(types).toEqual(['order_placed', 'order_ready', 'order_handed_over', 'order_closed']);
	});

	it('a cancelled order frees the points and puts the goods back', () => {
		const w = makeShopWorld({}, [1000]);
		const oil = w.item('花生油', 800, 3);
		const home = w.homes[0]!;
		const order = placeOrder(home.viewer, { lines: [{ itemId: oil.id, quantity: 1 }] });
		expect(shopStanding(home.household.id).spendable).toBe(200);
		const cancelled = cancelOrder(home.viewer, order.id, { reason: '不要了' });
		expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '不要了' });
		expect(stockOf(oil.id)).toBe(3);
		expect(shopStanding(home.household.id)).toMatchObject({ reserved: 0, spendable: 1000 });
		expect(balanceOf(home.household.id)).toBe(1000);
		expect(
			db
				.select({ kind: stockMovements.kind, q: stockMovements.quantity })
				.from(stockMovements)
				.where(eq(stockMovements.orderId, order.id))
				.all()
		).toEqual([
			{ kind: 'redemption', q: -1 },
			{ kind: 'return', q: 1 }
		]);
		// The points can be spent again; the code no longer names anything.
		placeOrder(home.viewer, { lines: [{ itemId: oil.id, quantity: 1 }] });
		refused('order_not_open', () => cancelOrder(home.viewer, order.id));
	});

	it('the shop may cancel too; a handed-over order cannot be cancelled by anyone', () => {
		const w = makeShopWorld();
		const oil = w.item('花生油', 800, 5);
		const home = w.homes[0]!;
		const a = placeOrder(home.viewer, { lines: [{ itemId: oil.id, quantity: 1 }] });
		cancelOrder(w.shopkeeper, a.id, { reason: '缺货调换' });
		const b = placeOrder(home.viewer, { lines: [{ itemId: oil.id, quantity: 1 }] });
		handOverOrder(w.shopkeeper, { orderId: b.id });
		refused('order_not_open', () => cancelOrder(home.viewer, b.id));
		refused('order_not_open', () => cancelOrder(w.shopkeeper, b.id));
		expect(stockOf(oil.id)).toBe(4);
		expect(balanceOf(home.household.id)).toBe(1200);
	});

	it('refuses another village’s pickup code and orders', () => {
		const here = makeShopWorld();
		const there = makeShopWorld();
		const oil = there.item('花生油', 800, 5);
		const order = placeOrder(there.homes[0]!.viewer, { lines: [{ itemId: oil.id, quantity: 1 }] });
		refused('not_found', () => findOrderByCode(here.shopkeeper, order.pickupCode!));
		refused('not_found', () => handOverOrder(here.shopkeeper, { code: order.pickupCode! }));
		refused('not_found', () => handOverOrder(here.shopkeeper, { orderId: order.id }));
		refused('not_found', () => cancelOrder(here.shopkeeper, order.id));
		refused('not_found', () => listHouseholdOrders(here.shopkeeper, there.homes[0]!.household.id));
		// Nor can a household order another village's item.
		refused('not_found', () =>
			placeOrder(here.homes[0]!.viewer, { lines: [{ itemId: oil.id, quantity: 1 }] })
		);
		expect(stockOf(oil.id)).toBe(4);
	});
});

describe('who may order for a household', () => {
	it('the head, a member the head allows, or someone acting for them — not other members', () => {
		const w = makeShopWorld({}, [5000]);
		const soap = w.item('肥皂', 600, 20);
		const home = w.homes[0]!;
		const line = { lines: [{ itemId: soap.id, quantity: 1 }] };
		const allowed = makeHousemate(home, true);
		const other = makeHousemate(home, false, true);
		placeOrder(allowed.viewer, line);
		refused('forbidden', () => placeOrder(other.viewer, line));
		// The member not allowed may still act (代办) for the head, who agreed to it? The head
		// has not agreed (proxyConsent false by default): refused.
		refused('forbidden', () =>
			placeOrder(other.viewer, line, { onBehalfOfMemberId: home.head.id })
		);
		// The allowed member agreed to 代办; the other member may act for them.
		const consenting = makeHousemate(home, true, true);
		const viaProxy = placeOrder(other.viewer, line, {
			onBehalfOfMemberId: consenting.member.id
		});
		expect(db.select().from(shopOrders).where(eq(shopOrders.id, viaProxy.id)).get()).toMatchObject({
			onBehalfOfMemberId: consenting.member.id,
			placedBy: other.viewer.userId
		});
		// Staff can't order for a household; a neighbour can't cancel its order.
		refused('forbidden', () => placeOrder(w.shopkeeper, line));
		refused('forbidden', () => cancelOrder(makeHome(w.village.id, 0).viewer, viaProxy.id));
		// A member who may not order can't cancel the household's orders either.
		refused('forbidden', () => cancelOrder(other.viewer, viaProxy.id));
		cancelOrder(allowed.viewer, viaProxy.id);
	});
});

describe('the catalog', () => {
	it('is public and shows a household what it can afford now', () => {
		const w = makeShopWorld({}, [900]);
		w.item('毛巾', 600, 3);
		w.item('电饭煲', 1000, 3);
		w.item('香皂', 700, 0);
		const hidden = w.item('旧茶杯', 600, 3);
		saveItem(w.committee, hidden.id, { name: '旧茶杯', pointsPrice: 600, active: false });
		const anon = listCatalog(null, w.village.code);
		expect(anon.household).toBeNull();
		expect(anon.items.map((i) => i.name)).toEqual(['毛巾', '香皂', '电饭煲']);
		const mine = listCatalog(w.homes[0]!.viewer, null);
		expect(mine.household).toMatchObject({ spendable: 900, thresholdMet: true, mayOrder: true });
		expect(mine.items.map((i) => [i.name, i.affordable])).toEqual([
			['毛巾', true],
			['香皂', false],
			['电饭煲', false]
		]);
		// Another village's villager sees the catalog, but nothing of their own standing.
		const stranger = makeHome(makeShopWorld().village.id, 5000);
		expect(listCatalog(stranger.viewer, w.village.code).household).toBeNull();
		refused('not_found', () => listCatalog(null, 'no-such-village'));
	});
});
