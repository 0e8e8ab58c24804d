import { asc, eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { shopItems } from '$lib/server/db/schema';
import { ownVillageTarget } from '$lib/server/people/scope';
import { authorize } from '$lib/server/permissions';
import type { ItemView } from './views';

/** Every item of the viewer's village, inactive ones too: the catalog as the shop manages it. */
export function listItems(viewer: Viewer | null): ItemView[] {
	const village = ownVillageTarget(viewer);
	authorize(viewer, 'shop:record_stock', village);
	return db
		.select({
			id: shopItems.id,
			name: shopItems.name,
			category: shopItems.category,
			pointsPrice: shopItems.pointsPrice,
			monthlyLimit: shopItems.monthlyLimit,
			active: shopItems.active,
			sortOrder: shopItems.sortOrder,
			stock: shopItems.stock,
			photoKey: shopItems.photoKey
		})
		.from(shopItems)
		.where(eq(shopItems.villageId, village.villageId))
		.orderBy(asc(shopItems.sortOrder), asc(shopItems.pointsPrice), asc(shopItems.id))
		.all();
}
