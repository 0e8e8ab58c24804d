import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import {
	SECURITY_HEADERS,
	securityHeaders,
	withSecurityHeaders
} from '$lib/server/http/security-headers';
import config from '../../svelte.config.js';

const EXPECTED = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'strict-origin-when-cross-origin',
	'x-frame-options': 'DENY'
};

const headersOf = (res: Response) => Object.fromEntries(res.headers.entries());

describe('security headers', () => {
	it('are set on a page or API response', async () => {
		expect.hasAssertions();
		const event = { url: new URL('http://localhost/') } as RequestEvent;
		const res = await securityHeaders({
			event,
			resolve: () => new Response('<p>hi</p>', { headers: { 'content-type': 'text/html' } })
		});
		expect(headersOf(res)).toMatchObject({ ...EXPECTED, 'content-type': 'text/html' });
		const policy = res.headers.get('permissions-policy') ?? '';
		// The camera stays usable for slip photos; location is never asked for.
		expect(policy).toContain('camera=(self)');
		expect(policy).toContain('geolocation=()');
	});

	it('are set even on responses with immutable headers (redirects), keeping status and body', async () => {
		expect.hasAssertions();
		const redirect = Response.redirect('http://localhost/login', 303);
		expect(() => redirect.headers.set('x-test', '1')).toThrow();
		const res = withSecurityHeaders(redirect);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('http://localhost/login');
		expect(headersOf(res)).toMatchObject(SECURITY_HEADERS);
	});
});

describe('Content-Security-Policy (kit.csp)', () => {
	const csp = config.kit?.csp;
	const directives = csp?.directives ?? {};

	it('lets SvelteKit add nonces, and allows nothing from other origins', () => {
		expect.hasAssertions();
		expect(csp?.mode).toBe('auto');
		expect(directives['default-src']).toEqual(['self']);
		expect(directives['script-src']).toEqual(['self']);
		expect(directives['connect-src']).toEqual(['self']);
		expect(directives['frame-ancestors']).toEqual(['none']);
		expect(directives['object-src']).toEqual(['none']);
		expect(directives['form-action']).toEqual(['self']);
		// Only images may be data:/blob:; no directive names another host.
		const sources = Object.values(directives).flat();
		expect(sources.filter((s) => typeof s === 'string' && /^(https?|wss?):/.test(s))).toEqual([]);
		expect(JSON.stringify(directives)).not.toMatch(/unsafe-eval|\*/);
	});
});
