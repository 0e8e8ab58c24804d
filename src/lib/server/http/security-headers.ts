import type { Handle } from '@sveltejs/kit';

/**
 * Headers every response carries. The Content-Security-Policy is SvelteKit's own (kit.csp in
 * svelte.config.js), which can put nonces on the inline scripts it renders; these are the rest.
 * The camera stays allowed for this origin: slips take a photo with the phone's camera.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'strict-origin-when-cross-origin',
	'x-frame-options': 'DENY',
	'permissions-policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()'
};

/** The response with the security headers set (a copy when its headers are immutable). */
export function withSecurityHeaders(response: Response): Response {
	try {
		for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
			response.headers.set(name, value);
		}
		return response;
	} catch {
		// Response.redirect() and fetched responses have immutable headers.
		const copy = new Response(response.body, response);
		for (const [name, value] of Object.entries(SECURITY_HEADERS)) copy.headers.set(name, value);
		return copy;
	}
}

export const securityHeaders: Handle = async ({ event, resolve }) =>
	withSecurityHeaders(await resolve(event));
