import { and, asc, eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { shopItems, villages } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { can } from '$lib/server/permissions';
import { shopperTarget } from './shopper';
import { shopStanding, type ShopStanding } from './standing';
import type { ItemView } from './views';

export type Catalog = {
	village: { id: number; name: string; code: string; redeemThreshold: number };
	items: (ItemView & {
		/** For the viewer's household: whether it can order one now (threshold, points, stock). */
		affordable: boolean;
	})[];
	/** The viewer's household at the shop (null: not a household of this village). */
	household: (ShopStanding & { householdId: number; mayOrder: boolean }) | null;
};

/**
 * The catalog of a village's points supermarket: active items with price and stock. Public (no
 * login: `villageCode` names the village); for a villager of the village it also says where the
 * household stands and which items it can afford now.
 */
export function listCatalog(
	viewer: Viewer | null,
	villageCode: string | null,
	options: { onBehalfOfMemberId?: number | null } = {}
): Catalog {
	const village = db
		.select({
			id: villages.id,
			name: villages.name,
			code: villages.code,
			redeemThreshold: villages.redeemThreshold
		})
		.from(villages)
		.where(
			and(
				villageCode !== null
					? eq(villages.code, villageCode)
					: eq(villages.id, viewer?.villageId ?? -1),
				eq(villages.active, true)
			)
		)
		.get();
	if (!village || !can(viewer, 'shop:view_catalog', { kind: 'village', villageId: village.id })) {
		throw new DomainError('not_found');
	}

	let household: Catalog['household'] = null;
	if (viewer && (viewer.memberId !== null || options.onBehalfOfMemberId)) {
		const shopper = shopperTarget(viewer, options.onBehalfOfMemberId ?? null);
		if (shopper.villageId === village.id) {
			household = {
				householdId: shopper.householdId,
				...shopStanding(shopper.householdId),
				mayOrder: can(viewer, 'shop:order', shopper)
			};
		}
	}
	const items = db
		.select()
		.from(shopItems)
		.where(and(eq(shopItems.villageId, village.id), eq(shopItems.active, true)))
		.orderBy(asc(shopItems.sortOrder), asc(shopItems.pointsPrice), asc(shopItems.id))
		.all();
	return {
		village,
		household,
		items: items.map((i) => ({
			id: i.id,
			name: i.name,
			category: i.category,
			pointsPrice: i.pointsPrice,
			monthlyLimit: i.monthlyLimit,
			active: i.active,
			sortOrder: i.sortOrder,
			stock: i.stock,
			photoKey: i.photoKey,
			affordable:
				!!household &&
				household.mayOrder &&
				household.thresholdMet &&
				i.stock > 0 &&
				i.pointsPrice <= household.spendable
		}))
	};
}
