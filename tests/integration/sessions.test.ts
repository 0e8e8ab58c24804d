import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import {
	createSession,
	generateSessionToken,
	hashToken,
	invalidateAllSessions,
	invalidateSession,
	rotateSession,
	SESSION_LIFETIME,
	validateSessionToken
} from '$lib/server/auth/session';
import { db } from '$lib/server/db';
import { sessions, users } from '$lib/server/db/schema';
import { makeUser, makeVillage } from '../factories';

const DAY = 24 * 60 * 60 * 1000;
let userId: number;

beforeEach(() => {
	const village = makeVillage();
	userId = makeUser({ villageId: village.id }).id;
});

describe('sessions', () => {
	it('stores only the SHA-256 of the token, never the token', () => {
		const token = generateSessionToken();
		const session = createSession(token, userId);
		expect(session.id).toBe(hashToken(token));
		expect(session.id).toMatch(/^[0-9a-f]{64}$/);
		const stored = db.select().from(sessions).where(eq(sessions.userId, userId)).all();
		expect(stored.map((s) => s.id)).toEqual([hashToken(token)]);
		expect(JSON.stringify(stored)).not.toContain(token);
	});

	it('validates a live token and refuses an unknown one', () => {
		const token = generateSessionToken();
		createSession(token, userId);
		expect(validateSessionToken(token).user?.id).toBe(userId);
		expect(validateSessionToken(generateSessionToken()).session).toBeNull();
	});

	it('expires after its lifetime and deletes the row', () => {
		const t0 = new Date('2026-01-01T00:00:00Z');
		const token = generateSessionToken();
		createSession(token, userId, t0);
		const later = new Date(t0.getTime() + SESSION_LIFETIME + 1);
		expect(validateSessionToken(token, later).session).toBeNull();
		expect(
			db
				.select()
				.from(sessions)
				.where(eq(sessions.id, hashToken(token)))
				.get()
		).toBeUndefined();
	});

	it('slides: a session used in its second half is renewed to a full lifetime', () => {
		const t0 = new Date('2026-01-01T00:00:00Z');
		const token = generateSessionToken();
		createSession(token, userId, t0);
		const early = validateSessionToken(token, new Date(t0.getTime() + 2 * DAY));
		expect(early.fresh).toBe(false);
		const late = new Date(t0.getTime() + 20 * DAY);
		const renewed = validateSessionToken(token, late);
		expect(renewed.fresh).toBe(true);
		expect(renewed.session?.expiresAt.getTime()).toBe(late.getTime() + SESSION_LIFETIME);
		// Past the original expiry, it still works because it was renewed.
		expect(validateSessionToken(token, new Date(t0.getTime() + 40 * DAY)).user?.id).toBe(userId);
	});

	it('rotates at login: the old token stops working, the new one works', () => {
		const first = rotateSession(null, userId);
		const second = rotateSession(first.session.id, userId);
		expect(second.token).not.toBe(first.token);
		expect(validateSessionToken(first.token).session).toBeNull();
		expect(validateSessionToken(second.token).user?.id).toBe(userId);
	});

	it('logout ends only that session on the server', () => {
		const a = rotateSession(null, userId);
		const b = rotateSession(null, userId);
		invalidateSession(a.session.id);
		expect(validateSessionToken(a.token).session).toBeNull();
		expect(validateSessionToken(b.token).session).not.toBeNull();
	});

	it('log out everywhere ends every session of the user and no one else’s', () => {
		const other = makeUser({ villageId: null });
		const mine = [rotateSession(null, userId), rotateSession(null, userId)];
		const theirs = rotateSession(null, other.id);
		invalidateAllSessions(userId);
		for (const s of mine) expect(validateSessionToken(s.token).session).toBeNull();
		expect(validateSessionToken(theirs.token).user?.id).toBe(other.id);
	});

	it('a deactivated account’s sessions stop working', () => {
		const { token } = rotateSession(null, userId);
		db.update(users).set({ active: false }).where(eq(users.id, userId)).run();
		expect(validateSessionToken(token).session).toBeNull();
	});
});
