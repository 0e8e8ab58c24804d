import { DomainError } from '$lib/server/errors';
import { readPhoto } from '$lib/server/photos/read-photo';
import type { RequestHandler } from './$types';

/**
 * A slip's photo evidence (`?size=thumb`: the small copy for lists). Whoever may not see it
 * gets the same 404 as for a key that doesn't exist.
 */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	try {
		const photo = await readPhoto(
			locals.viewer,
			params.key,
			url.searchParams.get('size') === 'thumb' ? 'thumb' : 'full'
		);
		return new Response(new Uint8Array(photo.bytes), {
			headers: {
				'content-type': 'image/jpeg',
				'content-length': String(photo.bytes.byteLength),
				'x-content-type-options': 'nosniff',
				// A posted slip can still be withdrawn after an objection: public caches keep it an
				// hour at most. Before that only the browser of whoever may see it keeps a copy.
				'cache-control': photo.isPublic ? 'public, max-age=3600' : 'private, max-age=600'
			}
		});
	} catch (e) {
		if (e instanceof DomainError) {
			return new Response('Not found', {
				status: 404,
				headers: { 'cache-control': 'private, no-store' }
			});
		}
		throw e;
	}
};
