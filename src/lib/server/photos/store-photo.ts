import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import sharp from 'sharp';
import { DomainError } from '$lib/server/errors';
import { photoPath, removePhoto, uploadsDir } from './uploads-dir';

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** The stored copy fits in this box; phones take far more pixels than a slip needs. */
export const PHOTO_BOX = 1280;
/** The small copy shown in lists (notice board, review queue) on weak networks. */
export const THUMB_BOX = 240;

/** HEIC/AVIF ('heif') is accepted only when this build of sharp can decode it. */
const FORMATS = new Set(['jpeg', 'png', 'webp', 'heif']);
/** A decompression bomb is refused before it is decoded: 50 megapixels is beyond any phone. */
const MAX_PIXELS = 50_000_000;

/**
 * Stores photo evidence: decodes it (JPEG, PNG, WebP; HEIC when sharp supports it), turns it
 * upright, shrinks it to fit 1280×1280 and re-encodes it as JPEG — without any of the original's
 * metadata, so the EXIF block with the phone's GPS position never reaches the disk. A 240×240
 * thumbnail is stored beside it. Returns the key (the file name) to save on the slip.
 *
 * Async (sharp works off the main thread), so it runs before the slip's synchronous
 * transaction; the caller removes the photo if that transaction throws.
 */
export async function storePhoto(bytes: Uint8Array): Promise<string> {
	if (bytes.byteLength > MAX_PHOTO_BYTES) throw new DomainError('photo_too_large');
	if (bytes.byteLength === 0) throw new DomainError('photo_invalid');
	let full: Buffer;
	let thumb: Buffer;
	try {
		const input = () => sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' });
		const { format } = await input().metadata();
		if (!format || !FORMATS.has(format)) throw new DomainError('photo_invalid');
		// .rotate() with no angle applies the EXIF orientation; no .withMetadata()/.keepExif(),
		// so the output carries no EXIF, XMP or ICC block from the original.
		const upright = () => input().rotate().flatten({ background: '#ffffff' });
		full = await upright()
			.resize(PHOTO_BOX, PHOTO_BOX, { fit: 'inside', withoutEnlargement: true })
			.jpeg({ quality: 80, mozjpeg: true })
			.toBuffer();
		thumb = await upright()
			.resize(THUMB_BOX, THUMB_BOX, { fit: 'inside', withoutEnlargement: true })
			.jpeg({ quality: 70, mozjpeg: true })
			.toBuffer();
	} catch (e) {
		if (e instanceof DomainError) throw e;
		throw new DomainError('photo_invalid');
	}
	const key = `${encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(16)))}.jpg`;
	mkdirSync(uploadsDir(), { recursive: true });
	// 'wx': never overwrite, however unlikely a repeated key is.
	await writeFile(photoPath(key), full, { flag: 'wx' });
	try {
		await writeFile(photoPath(key, 'thumb'), thumb, { flag: 'wx' });
	} catch (e) {
		removePhoto(key);
		throw e;
	}
	return key;
}
