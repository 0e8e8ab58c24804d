import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { depositSlips, households, shopItems } from '$lib/server/db/schema';
import { notFound } from '$lib/server/errors';
import { can } from '$lib/server/permissions';
import { isPhotoKey, photoPath } from './uploads-dir';

export type PhotoFile = {
	bytes: Buffer;
	/** On the notice board (or credited after it): anyone may see it, and caches may keep it. */
	isPublic: boolean;
};

/**
 * A slip's photo evidence. Public once the slip is posted for 公示 or credited (the stored copy
 * carries no location); before that — and after a rejection or withdrawal — only the
 * household, its 十户长 and the committee see it. Anyone else, and any key that isn't a slip's,
 * gets not_found, so keys can't be probed.
 */
export async function readPhoto(
	viewer: Viewer | null,
	key: string,
	size: 'full' | 'thumb' = 'full'
): Promise<PhotoFile> {
	if (!isPhotoKey(key)) throw notFound();
	// A shop item's photo is shown to anyone in the public catalog (src/lib/server/shop).
	const item = db
		.select({ id: shopItems.id })
		.from(shopItems)
		.where(eq(shopItems.photoKey, key))
		.get();
	if (item) {
		try {
			return { bytes: await readFile(photoPath(key, size)), isPublic: true };
		} catch {
			throw notFound();
		}
	}
	const row = db
		.select({
			villageId: depositSlips.villageId,
			householdId: depositSlips.householdId,
			status: depositSlips.status,
			tenGroupId: households.tenGroupId
		})
		.from(depositSlips)
		.innerJoin(households, eq(households.id, depositSlips.householdId))
		.where(eq(depositSlips.photoKey, key))
		.get();
	if (!row) throw notFound();
	const isPublic = row.status === 'posted' || row.status === 'credited';
	if (
		!isPublic &&
		!can(viewer, 'slips:view_photo', {
			kind: 'household',
			villageId: row.villageId,
			householdId: row.householdId,
			tenGroupId: row.tenGroupId
		}) &&
		!can(viewer, 'slips:review', { kind: 'village', villageId: row.villageId })
	) {
		throw notFound();
	}
	try {
		return { bytes: await readFile(photoPath(key, size)), isPublic };
	} catch {
		throw notFound();
	}
}
