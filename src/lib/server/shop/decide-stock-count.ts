import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { db, write } from '$lib/server/db';
import { stockCounts, type StockCount } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { authorize } from '$lib/server/permissions';
import * as m from '$lib/paraglide/messages';
import { moveStock } from './move-stock';
import { ZDecideStockCount } from './schemas';

/**
 * The committee confirms a stocktake difference — the books are corrected by it (a stocktake
 * movement of counted − expected, with the count's reason) — or rejects it, to be counted again.
 * Whoever counted can't confirm their own count. Once decided, a count stays decided.
 */
export function decideStockCount(
	viewer: Viewer | null,
	countId: number,
	raw: z.input<typeof ZDecideStockCount>,
	now: Date = new Date()
): StockCount {
	const input = parseInput(ZDecideStockCount, raw);
	const found = db.select().from(stockCounts).where(eq(stockCounts.id, countId)).get();
	if (!found) throw new DomainError('not_found');
	authorize(viewer, 'shop:confirm_stocktake', { kind: 'village', villageId: found.villageId });
	if (found.countedBy === viewer.userId) {
		throw new DomainError('forbidden', { message: m.shop_own_count() });
	}
	return write((tx) => {
		const count = tx
			.select()
			.from(stockCounts)
			.where(and(eq(stockCounts.id, countId), eq(stockCounts.status, 'pending')))
			.get();
		if (!count) throw new DomainError('conflict', { message: m.shop_count_decided() });
		const movement = input.confirm
			? moveStock(tx, {
					villageId: count.villageId,
					itemId: count.itemId,
					kind: 'stocktake',
					quantity: count.counted - count.expected,
					reason: count.reason,
					actorUserId: viewer.userId,
					at: now
				})
			: null;
		const decided = tx
			.update(stockCounts)
			.set({
				status: input.confirm ? 'confirmed' : 'rejected',
				decidedBy: viewer.userId,
				decidedAt: now,
				decisionNote: input.note,
				movementId: movement?.id ?? null
			})
			.where(eq(stockCounts.id, countId))
			.returning()
			.get();
		recordAudit(tx, {
			villageId: count.villageId,
			actorUserId: viewer.userId,
			action: input.confirm ? 'shop.stocktake_confirm' : 'shop.stocktake_reject',
			subjectType: 'stock_count',
			subjectId: countId,
			detail: { difference: count.counted - count.expected, note: input.note }
		});
		return decided!;
	});
}
