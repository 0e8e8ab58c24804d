import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isNotNull } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { depositSlips, shopItems } from '$lib/server/db/schema';
import { isPhotoKey, uploadsDir } from './uploads-dir';

/** How long an uploaded photo (POST /api/v1/photos) waits to be cited by a slip. */
export const UNUSED_PHOTO_TTL_MS = 86_400_000;

/**
 * Deletes photos no slip cites that are older than a day: uploads through the API whose slip
 * was never sent, and files left by a process that died between storing a photo and its slip's
 * transaction. Returns how many files went.
 */
export function pruneUnusedPhotos(now: Date = new Date()): number {
	const dir = uploadsDir();
	if (!existsSync(dir)) return 0;
	const cited = new Set(
		db
			.select({ key: depositSlips.photoKey })
			.from(depositSlips)
			.where(isNotNull(depositSlips.photoKey))
			.all()
			.map((r) => r.key)
	);
	// Shop items' photos too (src/lib/server/shop/set-item-photo.ts).
	for (const r of db
		.select({ key: shopItems.photoKey })
		.from(shopItems)
		.where(isNotNull(shopItems.photoKey))
		.all())
		cited.add(r.key);
	let removed = 0;
	for (const name of readdirSync(dir)) {
		const key = name.replace(/\.thumb\.jpg$/, '.jpg');
		if (!isPhotoKey(key) || cited.has(key)) continue;
		const file = join(dir, name);
		if (now.getTime() - statSync(file).mtimeMs < UNUSED_PHOTO_TTL_MS) continue;
		rmSync(file, { force: true });
		removed++;
	}
	return removed;
}
