import { desc, eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { shopOrders } from '$lib/server/db/schema';
import { householdTarget } from '$lib/server/people/targets';
import { authorize } from '$lib/server/permissions';
import { orderViews, type OrderView } from './views';

/** A household's orders, newest first, with the pickup codes of those still open. */
export function listHouseholdOrders(
	viewer: Viewer | null,
	householdId: number,
	limit = 50
): OrderView[] {
	authorize(viewer, 'shop:view_orders', householdTarget(householdId));
	const orders = db
		.select()
		.from(shopOrders)
		.where(eq(shopOrders.householdId, householdId))
		.orderBy(desc(shopOrders.id))
		.limit(limit)
		.all();
	return orderViews(orders, { showCode: true });
}
