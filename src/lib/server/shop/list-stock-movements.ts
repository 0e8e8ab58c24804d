import { and, desc, eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { shopItems, stockMovements } from '$lib/server/db/schema';
import { ownVillageTarget } from '$lib/server/people/scope';
import { authorize } from '$lib/server/permissions';
import type { MovementView } from './views';

/** The stock book of the viewer's village, newest first (one item's, with `itemId`). */
export function listStockMovements(
	viewer: Viewer | null,
	options: { itemId?: number; limit?: number } = {}
): MovementView[] {
	const village = ownVillageTarget(viewer);
	authorize(viewer, 'shop:record_stock', village);
	return db
		.select({
			id: stockMovements.id,
			itemId: stockMovements.itemId,
			itemName: shopItems.name,
			kind: stockMovements.kind,
			quantity: stockMovements.quantity,
			donor: stockMovements.donor,
			fundingSource: stockMovements.fundingSource,
			valueYuan: stockMovements.valueYuan,
			reason: stockMovements.reason,
			orderId: stockMovements.orderId,
			createdAt: stockMovements.createdAt
		})
		.from(stockMovements)
		.innerJoin(shopItems, eq(shopItems.id, stockMovements.itemId))
		.where(
			and(
				eq(stockMovements.villageId, village.villageId),
				options.itemId !== undefined ? eq(stockMovements.itemId, options.itemId) : undefined
			)
		)
		.orderBy(desc(stockMovements.id))
		.limit(Math.min(options.limit ?? 100, 500))
		.all()
		.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
