import { json, type RequestEvent, type RequestHandler } from '@sveltejs/kit';
import { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import type { DomainError } from '$lib/server/errors';
import { DomainError as DE } from '$lib/server/errors';
import { toDomainError } from '$lib/server/http/errors';
import { withIdempotency } from './idempotency';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type EndpointContext<B, Q, P> = {
	viewer: Viewer | null;
	body: B;
	query: Q;
	params: P;
	event: RequestEvent;
};

/**
 * One JSON API endpoint: how it is called (method, OpenAPI path, zod schemas) and what it does.
 * The same definition is mounted as a SvelteKit `+server.ts` handler and documented in
 * /api/v1/openapi.json, so the docs can't drift from the validation.
 */
export type Endpoint<
	B extends z.ZodType = z.ZodType,
	Q extends z.ZodType = z.ZodType,
	P extends z.ZodType = z.ZodType
> = {
	method: Method;
	/** OpenAPI path under /api/v1, with {param} placeholders. */
	path: string;
	summary: string;
	tag: string;
	/** Whether a signed-in user (session or bearer token) is required. */
	auth: boolean;
	body?: B;
	query?: Q;
	params?: P;
	/** Schema of the success response, for the docs. */
	response: z.ZodType;
	/** Success status; 200 unless given. */
	status?: number;
	/** Responses for a "file" endpoint are not JSON (e.g. an xlsx export). */
	produces?: string;
	handler: (
		ctx: EndpointContext<z.output<B>, z.output<Q>, z.output<P>>
	) => unknown | Response | Promise<unknown | Response>;
};

export function defineEndpoint<
	B extends z.ZodType = z.ZodUndefined,
	Q extends z.ZodType = z.ZodUndefined,
	P extends z.ZodType = z.ZodUndefined
>(def: Endpoint<B, Q, P>): Endpoint<B, Q, P> {
	return def;
}

export function errorResponse(error: DomainError): Response {
	const body: { error: { code: string; message: string; details?: unknown } } = {
		error: { code: error.code, message: error.userMessage() }
	};
	if (error.details !== undefined) body.error.details = error.details;
	return json(body, { status: error.status });
}

/** Mounts an endpoint definition as a SvelteKit request handler. */
export function mount(def: Endpoint): RequestHandler {
	return async (event) => {
		const run = async (bodyText: string | undefined): Promise<Response> => {
			try {
				const viewer = event.locals.viewer;
				if (def.auth && !viewer) throw new DE('unauthenticated');
				const rawBody =
					bodyText === undefined ? undefined : bodyText ? JSON.parse(bodyText) : undefined;
				const body = def.body ? def.body.parse(rawBody ?? {}) : undefined;
				const query = def.query
					? def.query.parse(Object.fromEntries(event.url.searchParams))
					: undefined;
				const params = def.params ? def.params.parse(event.params) : undefined;
				const result = await def.handler({ viewer, body, query, params, event });
				if (result instanceof Response) return result;
				return json(result ?? null, { status: def.status ?? 200 });
			} catch (e) {
				if (e instanceof SyntaxError) return errorResponse(new DE('bad_request'));
				return errorResponse(toDomainError(e));
			}
		};
		if (def.method === 'GET') return run(undefined);
		const bodyText = await event.request.text();
		return withIdempotency(event, bodyText, () => run(bodyText));
	};
}
