import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { sessions, users, type Session, type User } from '$lib/server/db/schema';
import { disconnectSession, disconnectUser } from '$lib/server/realtime/hub';

/** Following lucia-auth.com's "Basic session API" on @oslojs. */
export const SESSION_COOKIE = 'session';
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME = 30 * DAY;
/** A session used in its second half is pushed out to a full lifetime again (sliding expiry). */
const RENEW_WITHIN = 15 * DAY;

export type SessionUser = Pick<
	User,
	'id' | 'phone' | 'name' | 'memberId' | 'villageId' | 'isTownAdmin' | 'active'
>;
/** The columns of a SessionUser, for every query that loads the signed-in user. */
export const sessionUserColumns = {
	id: users.id,
	phone: users.phone,
	name: users.name,
	memberId: users.memberId,
	villageId: users.villageId,
	isTownAdmin: users.isTownAdmin,
	active: users.active
};

export type SessionValidationResult =
	| { session: Session; user: SessionUser; fresh: boolean }
	| { session: null; user: null; fresh: false };

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function createSession(token: string, userId: number, now = new Date()): Session {
	const session: Session = {
		id: hashToken(token),
		userId,
		expiresAt: new Date(now.getTime() + SESSION_LIFETIME),
		createdAt: now
	};
	db.insert(sessions).values(session).run();
	return session;
}

export function validateSessionToken(token: string, now = new Date()): SessionValidationResult {
	const sessionId = hashToken(token);
	const row = db
		.select({
			session: sessions,
			user: sessionUserColumns
		})
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, sessionId))
		.get();
	if (!row) return { session: null, user: null, fresh: false };
	const { session, user } = row;
	if (now.getTime() >= session.expiresAt.getTime() || !user.active) {
		db.delete(sessions).where(eq(sessions.id, sessionId)).run();
		return { session: null, user: null, fresh: false };
	}
	let fresh = false;
	if (now.getTime() >= session.expiresAt.getTime() - RENEW_WITHIN) {
		session.expiresAt = new Date(now.getTime() + SESSION_LIFETIME);
		db.update(sessions)
			.set({ expiresAt: session.expiresAt })
			.where(eq(sessions.id, sessionId))
			.run();
		fresh = true;
	}
	return { session, user, fresh };
}

export function invalidateSession(sessionId: string): void {
	db.delete(sessions).where(eq(sessions.id, sessionId)).run();
	disconnectSession(sessionId); // its live sockets end too
}

/** "Log out everywhere": ends every session of the user, this one included. */
export function invalidateAllSessions(userId: number): void {
	db.delete(sessions).where(eq(sessions.userId, userId)).run();
	disconnectUser(userId); // and every live socket of the user
}

/**
 * Starts a fresh session at login. The token is always new (rotation): whatever session the
 * browser held before is ended, so a token planted before login (session fixation) is useless.
 */
export function rotateSession(
	previousSessionId: string | null,
	userId: number,
	now = new Date()
): { token: string; session: Session } {
	if (previousSessionId) invalidateSession(previousSessionId);
	const token = generateSessionToken();
	return { token, session: createSession(token, userId, now) };
}
