import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { loadViewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { stockCounts, stockMovements } from '$lib/server/db/schema';
import { DomainError, type ErrorCode } from '$lib/server/errors';
import { decideStockCount } from '$lib/server/shop/decide-stock-count';
import { listDonations } from '$lib/server/shop/list-donations';
import { listStockCounts } from '$lib/server/shop/list-stock-counts';
import { placeOrder } from '$lib/server/shop/place-order';
import { recordStockIn } from '$lib/server/shop/record-stock-in';
import { recordStocktake } from '$lib/server/shop/record-stocktake';
import { saveItem } from '$lib/server/shop/save-item';
import { makeUser } from '../factories';
import { expectLedgerInvariants } from './ledger-helpers';
import { expectStockInvariants, makeShopWorld, stockOf } from './shop-helpers';

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

describe('stock', () => {
	it('is the sum of its movements: purchases, donations, redemptions, returns, stocktakes', () => {
		const w = makeShopWorld();
		const rice = w.item('大米', 800, 10);
		recordStockIn(w.shopkeeper, {
			itemId: rice.id,
			kind: 'donation',
			quantity: 5,
			donor: '柳河镇农商银行',
			fundingSource: '共建单位',
			valueYuan: 300
		});
		const order = placeOrder(w.homes[0]!.viewer, { lines: [{ itemId: rice.id, quantity: 2 }] });
		expect(order.totalPoints).toBe(1600);
		const count = recordStocktake(w.shopkeeper, {
			itemId: rice.id,
			counted: 12,
			reason: '一袋受潮'
		});
		decideStockCount(w.committee, count.count!.id, { confirm: true });
		const kinds = db
			.select({ kind: stockMovements.kind, q: stockMovements.quantity })
			.from(stockMovements)
			.where(eq(stockMovements.itemId, rice.id))
			.all();
		expect(kinds).toEqual([
			{ kind: 'purchase', q: 10 },
			{ kind: 'donation', q: 5 },
			{ kind: 'redemption', q: -2 },
			{ kind: 'stocktake', q: -1 }
		]);
		expect(stockOf(rice.id)).toBe(12);
	});

	it('refuses a donation without donor or funding source, and villagers recording stock', () => {
		const w = makeShopWorld();
		const rice = w.item('大米', 800, 0);
		const e = refused('validation', () =>
			recordStockIn(w.shopkeeper, { itemId: rice.id, kind: 'donation', quantity: 5 })
		);
		expect(e.details).toMatchObject({
			fieldErrors: { donor: expect.any(String), fundingSource: expect.any(String) }
		});
		refused('forbidden', () =>
			recordStockIn(w.homes[0]!.viewer, { itemId: rice.id, kind: 'purchase', quantity: 5 })
		);
		const other = makeShopWorld();
		refused('not_found', () =>
			recordStockIn(other.shopkeeper, { itemId: rice.id, kind: 'purchase', quantity: 5 })
		);
		expect(stockOf(rice.id)).toBe(0);
	});

	it('a stocktake difference changes the books only when another person on the committee confirms', () => {
		const w = makeShopWorld();
		const oil = w.item('花生油', 900, 10);
		const agrees = recordStocktake(w.shopkeeper, {
			itemId: oil.id,
			counted: 10,
			reason: '月底盘点'
		});
		expect(agrees).toMatchObject({ difference: 0, count: null });
		const short = recordStocktake(w.shopkeeper, { itemId: oil.id, counted: 7, reason: '三瓶漏油' });
		expect(short).toMatchObject({ expected: 10, counted: 7, difference: -3 });
		expect(stockOf(oil.id)).toBe(10);
		// Meanwhile a household takes one: the confirmed correction is still the counted difference.
		placeOrder(w.homes[0]!.viewer, { lines: [{ itemId: oil.id, quantity: 1 }] });
		expect(listStockCounts(w.shopkeeper, { status: 'pending' })).toMatchObject([
			{ itemName: '花生油', expected: 10, stockNow: 9, counted: 7, difference: -3 }
		]);
		refused('forbidden', () => decideStockCount(w.shopkeeper, short.count!.id, { confirm: true }));
		decideStockCount(w.committee, short.count!.id, { confirm: true });
		expect(stockOf(oil.id)).toBe(6);
		refused('conflict', () => decideStockCount(w.committee, short.count!.id, { confirm: true }));

		// A count the committee sends back changes nothing; its own count needs someone else.
		const again = recordStocktake(w.committee, {
			itemId: oil.id,
			counted: 9,
			reason: '多出来三瓶'
		});
		const own = refused('forbidden', () =>
			decideStockCount(w.committee, again.count!.id, { confirm: true })
		);
		expect(own.userMessage()).toContain('另一位村委');
		const colleague = loadViewer(makeUser({ villageId: w.village.id, roles: ['committee'] }));
		decideStockCount(colleague, again.count!.id, { confirm: false, note: '请重新清点' });
		expect(stockOf(oil.id)).toBe(6);
		expect(
			db.select().from(stockCounts).where(eq(stockCounts.id, again.count!.id)).get()
		).toMatchObject({ status: 'rejected', decisionNote: '请重新清点', movementId: null });
		// Another village's committee doesn't see it.
		refused('not_found', () =>
			decideStockCount(makeShopWorld().committee, again.count!.id, { confirm: true })
		);
	});

	it('a confirmed count that would take the stock below zero is refused', () => {
		const w = makeShopWorld();
		const pot = w.item('炒锅', 1000, 2);
		const count = recordStocktake(w.shopkeeper, { itemId: pot.id, counted: 0, reason: '丢失' });
		placeOrder(w.homes[0]!.viewer, { lines: [{ itemId: pot.id, quantity: 1 }] });
		refused('shop_out_of_stock', () =>
			decideStockCount(w.committee, count.count!.id, { confirm: true })
		);
		expect(stockOf(pot.id)).toBe(1);
	});

	it('item names are unique in a village; donations are public with donor and date', () => {
		const w = makeShopWorld();
		w.item('毛巾', 600, 1);
		refused('conflict', () => saveItem(w.committee, null, { name: '毛巾', pointsPrice: 700 }));
		refused('forbidden', () =>
			saveItem(w.homes[0]!.viewer, null, { name: '新毛巾', pointsPrice: 700 })
		);
		const towel = saveItem(w.shopkeeper, null, { name: '浴巾', pointsPrice: 800, active: true });
		recordStockIn(
			w.shopkeeper,
			{
				itemId: towel.id,
				kind: 'donation',
				quantity: 4,
				donor: '在外乡贤 刘志强',
				fundingSource: '社会捐赠'
			},
			new Date('2026-09-10T04:00:00Z')
		);
		expect(listDonations(null, w.village.code)).toMatchObject({
			village: { code: w.village.code },
			donations: [
				{
					itemName: '浴巾',
					quantity: 4,
					donor: '在外乡贤 刘志强',
					fundingSource: '社会捐赠',
					valueYuan: null,
					createdAt: '2026-09-10T04:00:00.000Z'
				}
			]
		});
	});
});
