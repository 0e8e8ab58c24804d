import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadViewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { households, shopItems, users, villages } from '$lib/server/db/schema';
import { seedDemoIfEmpty } from '$lib/server/demo/seed-demo';
import { listCatalog } from '$lib/server/shop/list-catalog';
import { listDonations } from '$lib/server/shop/list-donations';
import { expectLedgerInvariants } from './ledger-helpers';
import { expectStockInvariants } from './shop-helpers';

describe('the demo points supermarket', () => {
	it('has 30 items at 600–1000 points with stock, donations, and LT-001 can redeem', async () => {
		process.env.SEED_DEMO = 'true';
		expect(await seedDemoIfEmpty()).toBe(true);
		const liutiao = db.select().from(villages).where(eq(villages.code, 'liutiao')).get()!;
		const items = db.select().from(shopItems).where(eq(shopItems.villageId, liutiao.id)).all();
		expect(items).toHaveLength(30);
		expect(items.every((i) => i.pointsPrice >= 600 && i.pointsPrice <= 1000)).toBe(true);
		expect(items.every((i) => i.stock > 0 && i.active)).toBe(true);
		expectStockInvariants();
		expectLedgerInvariants();
		const donations = listDonations(null, 'liutiao').donations;
		expect(donations.length).toBeGreaterThanOrEqual(3);
		expect(new Set(donations.map((d) => d.fundingSource))).toEqual(
			new Set(['村集体', '共建单位', '社会捐赠'])
		);

		// The demo household head can try it: over the threshold, something affordable.
		const home = db
			.select()
			.from(households)
			.where(and(eq(households.villageId, liutiao.id), eq(households.number, 'LT-001')))
			.get()!;
		const head = loadViewer(db.select().from(users).where(eq(users.phone, '13800000005')).get()!);
		const catalog = listCatalog(head, null);
		expect(catalog.household).toMatchObject({
			householdId: home.id,
			thresholdMet: true,
			mayOrder: true
		});
		expect(catalog.household!.spendable).toBeGreaterThanOrEqual(liutiao.redeemThreshold);
		expect(catalog.items.filter((i) => i.affordable).length).toBeGreaterThan(0);
		// 马家村 has no shop yet.
		const majia = db.select().from(villages).where(eq(villages.code, 'majia')).get()!;
		expect(db.select().from(shopItems).where(eq(shopItems.villageId, majia.id)).all()).toEqual([]);
	});
});
