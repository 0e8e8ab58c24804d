import { and, eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write } from '$lib/server/db';
import { shopItems } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { ownVillageTarget } from '$lib/server/people/scope';
import { authorize } from '$lib/server/permissions';
import { isPhotoKey, removePhoto } from '$lib/server/photos/uploads-dir';
import type { ItemView } from './views';

/**
 * Puts a photo on an item of the village's catalog (a key stored by storePhoto, e.g. through
 * withStoredPhoto), or takes it off (null). The photo it replaces is deleted once the change is
 * committed; item photos are public (the catalog shows them to anyone).
 */
export function setItemPhoto(
	viewer: Viewer | null,
	itemId: number,
	photoKey: string | null
): ItemView {
	const village = ownVillageTarget(viewer);
	authorize(viewer, 'shop:manage_catalog', village);
	if (photoKey !== null && !isPhotoKey(photoKey)) throw new DomainError('photo_invalid');
	const { row, previous } = write((tx) => {
		const where = and(eq(shopItems.id, itemId), eq(shopItems.villageId, village.villageId));
		const before = tx.select({ photoKey: shopItems.photoKey }).from(shopItems).where(where).get();
		if (!before) throw new DomainError('not_found');
		const row = tx.update(shopItems).set({ photoKey }).where(where).returning().get()!;
		recordAudit(tx, {
			villageId: village.villageId,
			actorUserId: viewer.userId,
			action: photoKey ? 'shop.item_photo' : 'shop.item_photo_remove',
			subjectType: 'shop_item',
			subjectId: itemId,
			detail: { photoKey, previous: before.photoKey }
		});
		return { row, previous: before.photoKey };
	});
	if (previous && previous !== photoKey) removePhoto(previous);
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
}
