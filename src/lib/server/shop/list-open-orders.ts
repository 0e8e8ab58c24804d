import { and, asc, eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { shopOrders } from '$lib/server/db/schema';
import { ownVillageTarget } from '$lib/server/people/scope';
import { authorize } from '$lib/server/permissions';
import { orderViews, type OrderView } from './views';

/**
 * The village's orders waiting to be handed over, oldest first. Without pickup codes: the
 * villager shows the code (or its QR) at the counter, which is what proves the order is theirs.
 */
export function listOpenOrders(viewer: Viewer | null): OrderView[] {
	const village = ownVillageTarget(viewer);
	authorize(viewer, 'shop:hand_over', village);
	const orders = db
		.select()
		.from(shopOrders)
		.where(and(eq(shopOrders.villageId, village.villageId), eq(shopOrders.status, 'reserved')))
		.orderBy(asc(shopOrders.id))
		.all();
	return orderViews(orders, { showCode: false });
}
