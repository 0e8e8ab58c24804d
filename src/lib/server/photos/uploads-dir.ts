import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { databasePath } from '$lib/server/db';

/**
 * Where photo evidence lives: UPLOADS_DIR, or an `uploads` folder beside the database file, so a
 * test's or the e2e server's throw-away database gets throw-away uploads too.
 */
export function uploadsDir(): string {
	return process.env.UPLOADS_DIR
		? resolve(process.env.UPLOADS_DIR)
		: join(dirname(databasePath()), 'uploads');
}

/** A photo key: 26 base32 characters of randomness and `.jpg`, nothing a path could hide in. */
export const PHOTO_KEY = /^[a-z2-7]{26}\.jpg$/;

export function isPhotoKey(key: unknown): key is string {
	return typeof key === 'string' && PHOTO_KEY.test(key);
}

/** The file of a photo (`thumb`: its small copy for lists). Only for keys that passed isPhotoKey. */
export function photoPath(key: string, size: 'full' | 'thumb' = 'full'): string {
	if (!isPhotoKey(key)) throw new Error(`not a photo key: ${key}`);
	return join(uploadsDir(), size === 'thumb' ? key.replace(/\.jpg$/, '.thumb.jpg') : key);
}

/** Deletes a photo and its thumbnail (e.g. when the slip it was stored for was refused). */
export function removePhoto(key: string): void {
	rmSync(photoPath(key), { force: true });
	rmSync(photoPath(key, 'thumb'), { force: true });
}
