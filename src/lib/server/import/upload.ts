import { json, type RequestEvent, type RequestHandler } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { errorResponse, type Endpoint } from '$lib/server/api/endpoint';
import { DomainError } from '$lib/server/errors';
import { toDomainError } from '$lib/server/http/errors';
import { importInvalid } from './access';
import { MAX_BYTES } from './problems';
import type { UploadedFile } from './read-sheet';

const RAW_NAMES: Record<string, string> = {
	'text/csv': 'upload.csv',
	'application/csv': 'upload.csv',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'upload.xlsx'
};

/**
 * The uploaded spreadsheet of a request: the `file` field of multipart/form-data (the page's
 * form), or the raw body (API clients: `Content-Type: text/csv` or the .xlsx type, or
 * application/octet-stream; `?name=people.csv` optional). SvelteKit refuses cross-origin
 * form posts (multipart included) in production, so a client without a browser's same-origin
 * Origin header sends the raw body. A missing file is an import problem (a page shows it in its
 * list); a multipart body that can't be read is a bad request.
 */
export async function uploadedFile(request: Request, rawName?: string): Promise<UploadedFile> {
	const length = Number(request.headers.get('content-length') ?? 0);
	// Form encoding adds a little around the file; anything far above the limit is refused unread.
	if (length > MAX_BYTES + 64 * 1024) {
		throw importInvalid([
			{ row: null, message: m.import_err_too_large({ max: MAX_BYTES / 1024 / 1024 }) }
		]);
	}
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (type !== 'multipart/form-data') {
		const bytes = new Uint8Array(await request.arrayBuffer());
		if (bytes.length === 0) throw importInvalid([{ row: null, message: m.import_err_no_file() }]);
		return { name: rawName || RAW_NAMES[type] || 'upload', bytes };
	}
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		throw new DomainError('bad_request');
	}
	const file = form.get('file');
	if (!(file instanceof File) || (file.size === 0 && file.name === '')) {
		throw importInvalid([{ row: null, message: m.import_err_no_file() }]);
	}
	return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/**
 * Mounts an endpoint whose body is multipart/form-data. `mount()` reads bodies as JSON text (and
 * keys Idempotency-Key on it); an upload is read by the handler itself instead, so this runs the
 * same definition with the same error shape, and nothing else.
 */
export function mountUpload(def: Endpoint): RequestHandler {
	return async (event: RequestEvent) => {
		try {
			const viewer = event.locals.viewer;
			if (def.auth && !viewer) throw new DomainError('unauthenticated');
			const query = def.query
				? def.query.parse(Object.fromEntries(event.url.searchParams))
				: undefined;
			const result = await def.handler({
				viewer,
				body: undefined,
				query,
				params: undefined,
				event
			});
			if (result instanceof Response) return result;
			return json(result ?? null, { status: def.status ?? 200 });
		} catch (e) {
			return errorResponse(toDomainError(e));
		}
	};
}
