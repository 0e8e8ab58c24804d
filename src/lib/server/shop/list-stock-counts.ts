import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { STOCK_COUNT_STATUSES, shopItems, stockCounts, users } from '$lib/server/db/schema';
import { ownVillageTarget } from '$lib/server/people/scope';
import { authorize } from '$lib/server/permissions';

export const ZStockCountView = z.object({
	id: z.number().int(),
	itemId: z.number().int(),
	itemName: z.string(),
	/** The books when counted, and what the books say now (orders may have moved since). */
	expected: z.number().int(),
	stockNow: z.number().int(),
	counted: z.number().int(),
	difference: z.number().int(),
	reason: z.string(),
	status: z.enum(STOCK_COUNT_STATUSES),
	countedBy: z.number().int(),
	countedByName: z.string(),
	decisionNote: z.string().nullable(),
	createdAt: z.string()
});
export type StockCountView = z.infer<typeof ZStockCountView>;

/** The village's stocktake counts, newest first: the differences waiting for the committee. */
export function listStockCounts(
	viewer: Viewer | null,
	options: { status?: (typeof STOCK_COUNT_STATUSES)[number] } = {}
): StockCountView[] {
	const village = ownVillageTarget(viewer);
	authorize(viewer, 'shop:record_stock', village);
	return db
		.select({
			id: stockCounts.id,
			itemId: stockCounts.itemId,
			itemName: shopItems.name,
			expected: stockCounts.expected,
			stockNow: shopItems.stock,
			counted: stockCounts.counted,
			reason: stockCounts.reason,
			status: stockCounts.status,
			countedBy: stockCounts.countedBy,
			countedByName: users.name,
			decisionNote: stockCounts.decisionNote,
			createdAt: stockCounts.createdAt
		})
		.from(stockCounts)
		.innerJoin(shopItems, eq(shopItems.id, stockCounts.itemId))
		.innerJoin(users, eq(users.id, stockCounts.countedBy))
		.where(
			and(
				eq(stockCounts.villageId, village.villageId),
				options.status ? eq(stockCounts.status, options.status) : undefined
			)
		)
		.orderBy(desc(stockCounts.id))
		.limit(200)
		.all()
		.map((r) => ({
			...r,
			difference: r.counted - r.expected,
			createdAt: r.createdAt.toISOString()
		}));
}
