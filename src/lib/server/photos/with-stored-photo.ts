import { DomainError } from '$lib/server/errors';
import { MAX_PHOTO_BYTES, storePhoto } from './store-photo';
import { removePhoto } from './uploads-dir';

/**
 * Runs `fn` with the key of the stored photo (or null when none was sent): the photo is
 * stored first (async), then `fn` — a service with its synchronous transaction — runs; if it
 * throws, the photo is deleted again, so a refused report leaves no file behind. A form's empty
 * file input (no photo chosen) counts as none.
 */
export async function withStoredPhoto<T>(
	photo: FormDataEntryValue | Uint8Array | null | undefined,
	fn: (photoKey: string | null) => T
): Promise<T> {
	let bytes: Uint8Array | null = null;
	if (photo instanceof Uint8Array) bytes = photo;
	else if (photo instanceof File && (photo.size > 0 || photo.name !== '')) {
		// Refused before the file is read into memory a second time.
		if (photo.size > MAX_PHOTO_BYTES) throw new DomainError('photo_too_large');
		bytes = new Uint8Array(await photo.arrayBuffer());
	} else if (typeof photo === 'string' && photo !== '') {
		throw new DomainError('photo_invalid');
	}
	if (!bytes) return fn(null);
	const key = await storePhoto(bytes);
	try {
		return fn(key);
	} catch (e) {
		removePhoto(key);
		throw e;
	}
}
