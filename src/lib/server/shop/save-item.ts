import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write } from '$lib/server/db';
import { shopItems } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { ownVillageTarget } from '$lib/server/people/scope';
import { authorize } from '$lib/server/permissions';
import * as m from '$lib/paraglide/messages';
import { ZSaveItem } from './schemas';
import type { ItemView } from './views';

const nameTaken = () => {
	const message = m.shop_item_name_taken();
	return new DomainError('conflict', { message, details: { fieldErrors: { name: message } } });
};

/**
 * Adds an item to the village's catalog (itemId null) or edits one: name, category, price,
 * monthly limit, order on the shelf, active. Stock is not set here — it comes from stock
 * movements. A price change applies to new orders; open orders keep the price they were placed at.
 */
export function saveItem(
	viewer: Viewer | null,
	itemId: number | null,
	raw: z.input<typeof ZSaveItem>
): ItemView {
	const input = parseInput(ZSaveItem, raw);
	const village = ownVillageTarget(viewer);
	authorize(viewer, 'shop:manage_catalog', village);
	return write((tx) => {
		const clash = tx
			.select({ id: shopItems.id })
			.from(shopItems)
			.where(and(eq(shopItems.villageId, village.villageId), eq(shopItems.name, input.name)))
			.get();
		if (clash && clash.id !== itemId) throw nameTaken();
		const row =
			itemId === null
				? tx
						.insert(shopItems)
						.values({ ...input, villageId: village.villageId })
						.returning()
						.get()
				: tx
						.update(shopItems)
						.set(input)
						.where(and(eq(shopItems.id, itemId), eq(shopItems.villageId, village.villageId)))
						.returning()
						.get();
		if (!row) throw new DomainError('not_found');
		recordAudit(tx, {
			villageId: village.villageId,
			actorUserId: viewer.userId,
			action: itemId === null ? 'shop.item_add' : 'shop.item_edit',
			subjectType: 'shop_item',
			subjectId: row.id,
			detail: input
		});
		return {
			id: row.id,
			name: row.name,
			category: row.category,
			pointsPrice: row.pointsPrice,
			monthlyLimit: row.monthlyLimit,
			active: row.active,
			sortOrder: row.sortOrder,
			stock: row.stock,
			photoKey: row.photoKey
		};
	});
}
