import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write } from '$lib/server/db';
import { shopItems, stockCounts, type StockCount } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { ownVillageTarget } from '$lib/server/people/scope';
import { authorize } from '$lib/server/permissions';
import { ZStocktake } from './schemas';

export type StocktakeResult = {
	/** Stock in the books when counted. */
	expected: number;
	counted: number;
	/** counted − expected; 0 when the count agreed (nothing to confirm then). */
	difference: number;
	/** The count waiting for the committee's confirmation; null when it agreed. */
	count: StockCount | null;
};

/**
 * The shopkeeper counts one item on the shelf. A count that agrees with the books needs nothing
 * more. A difference is recorded with its reason as a pending count: the books change only when
 * the committee confirms it (decideStockCount), so nobody corrects the stock on their own word.
 */
export function recordStocktake(
	viewer: Viewer | null,
	raw: z.input<typeof ZStocktake>,
	now: Date = new Date()
): StocktakeResult {
	const input = parseInput(ZStocktake, raw);
	const village = ownVillageTarget(viewer);
	authorize(viewer, 'shop:record_stock', village);
	return write((tx) => {
		const item = tx
			.select({ id: shopItems.id, stock: shopItems.stock })
			.from(shopItems)
			.where(and(eq(shopItems.id, input.itemId), eq(shopItems.villageId, village.villageId)))
			.get();
		if (!item) throw new DomainError('not_found');
		const difference = input.counted - item.stock;
		if (difference === 0) {
			return { expected: item.stock, counted: input.counted, difference, count: null };
		}
		const count = tx
			.insert(stockCounts)
			.values({
				villageId: village.villageId,
				itemId: item.id,
				expected: item.stock,
				counted: input.counted,
				reason: input.reason,
				countedBy: viewer.userId,
				createdAt: now
			})
			.returning()
			.get();
		recordAudit(tx, {
			villageId: village.villageId,
			actorUserId: viewer.userId,
			action: 'shop.stocktake_count',
			subjectType: 'stock_count',
			subjectId: count.id,
			detail: { expected: item.stock, counted: input.counted, reason: input.reason }
		});
		return { expected: item.stock, counted: input.counted, difference, count };
	});
}
