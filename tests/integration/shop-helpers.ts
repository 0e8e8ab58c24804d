/**
 * Shared by the shop-* integration tests: a village with a shopkeeper, a committee member, a few
 * households (heads with logins) with points, and items with stock; plus the invariant every
 * shop test ends with — each item's cached stock is the sum of its movements, never negative.
 */
import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { loadViewer, type Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import {
	households,
	shopItems,
	stockMovements,
	type Household,
	type Member,
	type Village
} from '$lib/server/db/schema';
import { recordStockIn } from '$lib/server/shop/record-stock-in';
import { saveItem } from '$lib/server/shop/save-item';
import type { ItemView } from '$lib/server/shop/views';
import { makeFamily, makeMember, makeUser, makeVillage } from '../factories';
import { post } from './ledger-helpers';

export type Home = { household: Household; head: Member; viewer: Viewer };

export type ShopWorld = {
	village: Village;
	shopkeeper: Viewer;
	committee: Viewer;
	/** Three households whose heads have logins; `points` each. */
	homes: Home[];
	item: (name: string, price: number, stock: number, monthlyLimit?: number | null) => ItemView;
};

export function makeHome(villageId: number, points: number): Home {
	const f = makeFamily({ villageId });
	if (points > 0) post({ villageId, householdId: f.household.id, points });
	const user = makeUser({ memberId: f.head.id });
	return { ...f, viewer: loadViewer(user) };
}

/** A member of `home` with a login, allowed by the head to act for the household or not. */
export function makeHousemate(home: Home, mayActForHousehold: boolean, proxyConsent = false) {
	const member = makeMember({
		householdId: home.household.id,
		mayActForHousehold,
		proxyConsent
	});
	return { member, viewer: loadViewer(makeUser({ memberId: member.id })) };
}

export function makeShopWorld(
	villageValues: Partial<Village> = {},
	points: number[] = [2000, 2000, 2000]
): ShopWorld {
	const village = makeVillage(villageValues);
	const shopkeeper = loadViewer(makeUser({ villageId: village.id, roles: ['shopkeeper'] }));
	const committee = loadViewer(makeUser({ villageId: village.id, roles: ['committee'] }));
	const homes = points.map((p) => makeHome(village.id, p));
	const item = (name: string, price: number, stock: number, monthlyLimit: number | null = null) => {
		const saved = saveItem(committee, null, {
			name,
			category: '日用品',
			pointsPrice: price,
			monthlyLimit,
			active: true
		});
		if (stock > 0)
			recordStockIn(shopkeeper, { itemId: saved.id, kind: 'purchase', quantity: stock });
		return { ...saved, stock };
	};
	return { village, shopkeeper, committee, homes, item };
}

export const stockOf = (itemId: number) =>
	db.select().from(shopItems).where(eq(shopItems.id, itemId)).get()!.stock;

export const balanceOf = (householdId: number) =>
	db.select().from(households).where(eq(households.id, householdId)).get()!.balance;

/** Cached stock = sum of movements for every item, and never below zero. */
export function expectStockInvariants(): void {
	const mismatched = db
		.select({ id: shopItems.id, stock: shopItems.stock })
		.from(shopItems)
		.where(
			sql`${shopItems.stock} <> coalesce((select sum(${stockMovements.quantity}) from ${stockMovements} where ${stockMovements.itemId} = ${shopItems.id}), 0) or ${shopItems.stock} < 0`
		)
		.all();
	expect(mismatched).toEqual([]);
}
