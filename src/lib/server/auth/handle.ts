import type { Handle } from '@sveltejs/kit';
import { validateApiToken } from '$lib/server/auth/api-tokens';
import { CARE_MODE_COOKIE, deleteSessionCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { loadViewer } from '$lib/server/auth/viewer';
import { resolveActingFor } from '$lib/server/people/acting-for';

/**
 * Who is asking: a bearer token (API clients) or the session cookie (browsers). Lives here
 * rather than in hooks.server.ts so tests can run it on a request (attack-sessions.test.ts).
 */
export const authHandle: Handle = ({ event, resolve }) => {
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
