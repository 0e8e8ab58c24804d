import { and, eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { shopOrders, type ShopOrder } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { ownVillageTarget } from '$lib/server/people/scope';
import { authorize } from '$lib/server/permissions';

/**
 * The open order a pickup code names, for the shop. A code is looked up only in the viewer's own
 * village, so another village's code is simply not found (codes repeat across villages).
 */
export function findOrderByCode(viewer: Viewer | null, code: string): ShopOrder {
	const village = ownVillageTarget(viewer);
	authorize(viewer, 'shop:hand_over', village);
	const order = /^\d{6}$/.test(code)
		? db
				.select()
				.from(shopOrders)
				.where(
					and(
						eq(shopOrders.villageId, village.villageId),
						eq(shopOrders.pickupCode, code),
						eq(shopOrders.status, 'reserved')
					)
				)
				.get()
		: undefined;
	if (!order) throw new DomainError('not_found');
	return order;
}
