import type { RequestEvent } from '@sveltejs/kit';
import { mount, type Endpoint } from '$lib/server/api/endpoint';
import type { Viewer } from '$lib/server/auth/viewer';

/** Response bodies are read loosely in tests: each assertion says what it expects. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ApiBody = any;

/**
 * Calls a mounted API endpoint the way SvelteKit would, with the given viewer already resolved
 * by the hooks. Only SvelteKit's RequestEvent is built here; everything of ours runs for real.
 */
export async function callEndpoint(
	def: Endpoint,
	options: {
		viewer?: Viewer | null;
		body?: unknown;
		rawBody?: string;
		params?: Record<string, string>;
		query?: Record<string, string>;
		headers?: Record<string, string>;
		address?: string;
	} = {}
): Promise<{ status: number; body: ApiBody; headers: Headers }> {
	const url = new URL(`http://localhost/api/v1${def.path}`);
	for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
	const hasBody = def.method !== 'GET';
	const request = new Request(url, {
		method: def.method,
		headers: { 'content-type': 'application/json', ...options.headers },
		body: hasBody ? (options.rawBody ?? JSON.stringify(options.body ?? {})) : undefined
	});
	const event = {
		request,
		url,
		params: options.params ?? {},
		locals: {
			viewer: options.viewer ?? null,
			user: null,
			session: null,
			actingFor: null,
			careMode: false
		},
		getClientAddress: () => options.address ?? '127.0.0.1'
	} as unknown as RequestEvent;
	const response = await mount(def)(event as never);
	const text = await response.text();
	return {
		status: response.status,
		body: text ? JSON.parse(text) : null,
		headers: response.headers
	};
}
