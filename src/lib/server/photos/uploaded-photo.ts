import { DomainError } from '$lib/server/errors';
import { MAX_PHOTO_BYTES } from './store-photo';

/**
 * The photo of an API upload: the raw body (`Content-Type: image/jpeg`, image/png, image/webp,
 * image/heic or application/octet-stream — what a phone app sends), or the `photo` part of
 * multipart/form-data (a same-origin page: SvelteKit refuses cross-origin form posts).
 * Anything far above the limit is refused before it is read.
 */
export async function uploadedPhoto(request: Request): Promise<Uint8Array | File> {
	const length = Number(request.headers.get('content-length') ?? 0);
	if (length > MAX_PHOTO_BYTES + 64 * 1024) throw new DomainError('photo_too_large');
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (type === 'multipart/form-data') {
		let form: FormData;
		try {
			form = await request.formData();
		} catch {
			throw new DomainError('bad_request');
		}
		const photo = form.get('photo');
		if (!(photo instanceof File) || photo.size === 0) throw new DomainError('photo_invalid');
		return photo;
	}
	if (!type.startsWith('image/') && type !== 'application/octet-stream') {
		throw new DomainError('photo_invalid');
	}
	const bytes = new Uint8Array(await request.arrayBuffer());
	if (bytes.byteLength === 0) throw new DomainError('photo_invalid');
	return bytes;
}
