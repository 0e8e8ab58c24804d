import { count, eq, inArray } from 'drizzle-orm';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { databasePath, db } from '$lib/server/db';
import { shopOrders } from '$lib/server/db/schema';
import { handOverOrder } from '$lib/server/shop/hand-over-order';
import { shopStanding } from '$lib/server/shop/standing';
import { expectLedgerInvariants } from './ledger-helpers';
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

type WorkerResult = { placed: number[]; refusals: Record<string, number> };

/** Starts `workers` processes placing orders at the same instant; resolves with their reports. */
async function race(plan: { userIds: number[]; itemId: number; each: number }[]) {
	// Node + tsx take a moment to start; all of them begin ordering at the same instant.
	const startAt = Date.now() + 4000;
	const run = (p: (typeof plan)[number]) =>
		new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
			const child = spawn(
				process.execPath,
				[
					'--import',
					'tsx',
					'tests/integration/shop-worker.ts',
					p.userIds.join(','),
					String(p.itemId),
					String(p.each),
					String(startAt)
				],
				{ env: { ...process.env, DATABASE_URL: databasePath() } }
			);
			let out = '';
			let err = '';
			child.stdout.on('data', (d) => (out += d));
			child.stderr.on('data', (d) => (err += d));
			child.on('close', (code) => resolve({ code, out, err }));
		});
	const done = await Promise.all(plan.map(run));
	return done.map((d) => {
		expect(d.err).toBe('');
		expect(d.code).toBe(0);
		return JSON.parse(d.out) as WorkerResult;
	});
}

describe('ordering concurrently from several processes', () => {
	it('50 orders at once from one household whose points cover three: exactly three', async () => {
		const w = makeShopWorld({ redeemThreshold: 0 }, [1800]);
		const soap = w.item('肥皂', 600, 100);
		const home = w.homes[0]!;
		// Two phones of the household: the head's and a member's the head allows.
		const spouse = makeHousemate(home, true);
		const ids = [home.viewer.userId, spouse.viewer.userId];
		const results = await race(
			Array.from({ length: 5 }, () => ({ userIds: ids, itemId: soap.id, each: 10 }))
		);
		const placed = results.flatMap((r) => r.placed);
		expect(placed).toHaveLength(3);
		const refusals = results.flatMap((r) => Object.entries(r.refusals));
		expect(new Set(refusals.map(([code]) => code))).toEqual(new Set(['shop_insufficient_points']));
		expect(refusals.reduce((n, [, k]) => n + k, 0)).toBe(47);
		expect(stockOf(soap.id)).toBe(97);
		expect(shopStanding(home.household.id)).toMatchObject({
			balance: 1800,
			reserved: 1800,
			spendable: 0
		});
		for (const id of placed) handOverOrder(w.shopkeeper, { orderId: id });
		expect(balanceOf(home.household.id)).toBe(0);
		expect(
			db
				.select({ n: count() })
				.from(shopOrders)
				.where(eq(shopOrders.householdId, home.household.id))
				.get()?.n
		).toBe(3);
	}, 60_000);

	it('many households racing for the last units: never oversold', async () => {
		const w = makeShopWorld({}, []);
		const cooker = w.item('电饭煲', 1000, 5);
		const homes = Array.from({ length: 12 }, () => makeHome(w.village.id, 5000));
		const results = await race(
			[0, 1, 2, 3].map((k) => ({
				userIds: homes.filter((_, i) => i % 4 === k).map((h) => h.viewer.userId),
				itemId: cooker.id,
				each: 9
			}))
		);
		const placed = results.flatMap((r) => r.placed);
		expect(placed).toHaveLength(5);
		expect(results.reduce((n, r) => n + (r.refusals.shop_out_of_stock ?? 0), 0)).toBe(31);
		expect(stockOf(cooker.id)).toBe(0);
		const orders = db.select().from(shopOrders).where(inArray(shopOrders.id, placed)).all();
		expect(orders.every((o) => o.status === 'reserved' && o.totalPoints === 1000)).toBe(true);
		// Each open order has its own pickup code.
		expect(new Set(orders.map((o) => o.pickupCode)).size).toBe(5);
	}, 60_000);
});
