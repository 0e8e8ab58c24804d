import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { validateApiToken } from '$lib/server/auth/api-tokens';
import { CARE_MODE_COOKIE, deleteSessionCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { loadViewer } from '$lib/server/auth/viewer';
import { resolveActingFor } from '$lib/server/people/acting-for';
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

/** Who is asking: a bearer token (API clients) or the session cookie (browsers). */
const auth: Handle = ({ event, resolve }) => {
	event.locals.careMode = event.cookies.get(CARE_MODE_COOKIE) === '1';
	event.locals.session = null;
	event.locals.user = null;
	event.locals.viewer = null;
	event.locals.actingFor = null;

	const bearer = event.request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
	if (bearer) {
		const user = validateApiToken(bearer);
		if (user) {
			event.locals.user = user;
			event.locals.viewer = loadViewer(user);
		}
		return resolve(event);
	}

	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const { session, user, fresh } = validateSessionToken(token);
		if (session) {
			if (fresh) setSessionCookie(event, token, session.expiresAt);
			event.locals.session = session;
			event.locals.user = user;
			event.locals.viewer = loadViewer(user);
			event.locals.actingFor = resolveActingFor(event.locals.viewer, event.cookies);
		} else {
			deleteSessionCookie(event);
		}
	}
	return resolve(event);
};

export const handle = sequence(i18n, auth);
