import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { authHandle } from '$lib/server/auth/handle';
import { securityHeaders } from '$lib/server/http/security-headers';
import { startup } from '$lib/server/startup';
// Offers the realtime layer to server.js, which attaches it to the production HTTP server.
import '$lib/server/realtime/register';

export const init: ServerInit = () => startup();

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

export const handle = sequence(securityHeaders, i18n, authHandle);
