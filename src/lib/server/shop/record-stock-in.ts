import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write } from '$lib/server/db';
import { shopItems, type StockMovement } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { ownVillageTarget } from '$lib/server/people/scope';
import { authorize } from '$lib/server/permissions';
import { moveStock } from './move-stock';
import { ZStockIn } from './schemas';

/**
 * Goods come in: a purchase (with village money — funding source optional) or a donation (donor
 * and funding source 村集体 / 共建单位 / 社会捐赠; shown publicly on the donations page), with
 * an optional value in yuan.
 */
export function recordStockIn(
	viewer: Viewer | null,
	raw: z.input<typeof ZStockIn>,
	now: Date = new Date()
): StockMovement {
	const input = parseInput(ZStockIn, raw);
	const village = ownVillageTarget(viewer);
	authorize(viewer, 'shop:record_stock', village);
	return write((tx) => {
		const item = tx
			.select({ id: shopItems.id })
			.from(shopItems)
			.where(and(eq(shopItems.id, input.itemId), eq(shopItems.villageId, village.villageId)))
			.get();
		if (!item) throw new DomainError('not_found');
		const movement = moveStock(tx, {
			villageId: village.villageId,
			itemId: input.itemId,
			kind: input.kind,
			quantity: input.quantity,
			donor: input.kind === 'donation' ? input.donor : null,
			fundingSource: input.fundingSource ?? null,
			valueYuan: input.valueYuan,
			reason: input.reason,
			actorUserId: viewer.userId,
			at: now
		});
		recordAudit(tx, {
			villageId: village.villageId,
			actorUserId: viewer.userId,
			action: `shop.stock_${input.kind}`,
			subjectType: 'stock_movement',
			subjectId: movement.id,
			detail: input
		});
		return movement;
	});
}
