import type { IncomingMessage } from 'node:http';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { cookieName as LOCALE_COOKIE } from '$lib/paraglide/runtime';
import { validateApiToken } from '$lib/server/auth/api-tokens';
import { ACTING_FOR_COOKIE } from '$lib/server/auth/cookies';
import {
	hashToken,
	SESSION_COOKIE,
	sessionUserColumns,
	validateSessionToken,
	type SessionUser
} from '$lib/server/auth/session';
import { db } from '$lib/server/db';
import { apiTokens, sessions, users } from '$lib/server/db/schema';
import type { SocketData } from './hub';

type Credential = NonNullable<SocketData['credential']>;

/**
 * Cross-site WebSocket hijacking guard: a browser always sends Origin on a WebSocket upgrade
 * and on cross-origin requests, and a page on another site must not ride the villager's
 * cookie. The origin must be ours — ORIGIN when the operator set it (as adapter-node uses it),
 * otherwise the Host the request came to (or the HOST_HEADER a proxy sets). Clients that send
 * no Origin at all are not browsers (API clients, the test client): they can't carry someone
 * else's cookie, and they still have to authenticate.
 */
export function originAllowed(req: IncomingMessage): boolean {
	const origin = req.headers.origin;
	if (origin === undefined) return true;
	let url: URL;
	try {
		url = new URL(origin);
	} catch {
		return false;
	}
	if (process.env.ORIGIN) return url.origin === new URL(process.env.ORIGIN).origin;
	const header = process.env.HOST_HEADER?.toLowerCase() ?? 'host';
	const host = String(req.headers[header] ?? '')
		.split(',')[0]
		?.trim()
		.toLowerCase();
	return !!host && url.host === host;
}

function cookie(header: string | undefined, name: string): string | undefined {
	for (const part of header?.split(';') ?? []) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === name) {
			try {
				return decodeURIComponent(part.slice(eq + 1).trim());
			} catch {
				return undefined;
			}
		}
	}
	return undefined;
}

export type HandshakeIdentity =
	{ user: SessionUser; credential: Credential } | { user: null; credential: null };

/**
 * Who is connecting, the way hooks.server.ts decides it for a request: a bearer token (in the
 * handshake's `auth.token` or an Authorization header) or the session cookie. A wrong token is
 * refused (`null`); a missing or stale cookie just means anonymous, as for a page.
 */
export function identify(req: IncomingMessage, auth: unknown): HandshakeIdentity | null {
	const fromAuth = (auth as { token?: unknown } | undefined)?.token;
	const bearer =
		typeof fromAuth === 'string'
			? fromAuth
			: req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
	if (bearer) {
		const user = validateApiToken(bearer);
		return user ? { user, credential: { kind: 'token', tokenHash: hashToken(bearer) } } : null;
	}
	const token = cookie(req.headers.cookie, SESSION_COOKIE);
	const { session, user } = token ? validateSessionToken(token) : { session: null, user: null };
	if (!session) return { user: null, credential: null };
	return { user, credential: { kind: 'session', sessionId: session.id } };
}

/**
 * Is the credential a socket connected with still good? Read-only on purpose: unlike a page
 * request, a socket can't hand the browser a renewed cookie, so it must not slide the session.
 */
export function recheck(credential: Credential, now = new Date()): SessionUser | null {
	const row =
		credential.kind === 'session'
			? db
					.select({ user: sessionUserColumns })
					.from(sessions)
					.innerJoin(users, eq(sessions.userId, users.id))
					.where(and(eq(sessions.id, credential.sessionId), gt(sessions.expiresAt, now)))
					.get()
			: db
					.select({ user: sessionUserColumns })
					.from(apiTokens)
					.innerJoin(users, eq(apiTokens.userId, users.id))
					.where(and(eq(apiTokens.tokenHash, credential.tokenHash), isNull(apiTokens.revokedAt)))
					.get();
	return row?.user.active ? row.user : null;
}

/** The member the user acts for (代办), from the same cookie the pages use; checked per join. */
export function actingForCookie(req: IncomingMessage): number | null {
	const id = Number(cookie(req.headers.cookie, ACTING_FOR_COOKIE));
	return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The user's language, from Paraglide's cookie (Chinese unless they chose English). */
export function localeOf(req: IncomingMessage): SocketData['locale'] {
	return cookie(req.headers.cookie, LOCALE_COOKIE) === 'en' ? 'en' : 'zh-CN';
}
