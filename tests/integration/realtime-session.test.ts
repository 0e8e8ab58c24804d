/**
 * A socket lives no longer than the credential it connected with: logout, "log out
 * everywhere" and password resets end it at once; expiry, a revoked API token or a lost role
 * within the re-validation interval (shortened here to 100 ms).
 */
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resetPassword } from '$lib/server/accounts/reset-password';
import { changePassword } from '$lib/server/auth/change-password';
import { invalidateAllSessions, invalidateSession } from '$lib/server/auth/session';
import { issueApiToken, revokeApiToken } from '$lib/server/auth/tokens';
import { loadViewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { roleGrants, sessions, users } from '$lib/server/db/schema';
import { makeFamily, makeUser, makeVillage, TEST_PASSWORD, testPasswordHash } from '../factories';
import {
	disconnected,
	join,
	openConnected,
	sessionCookie,
	startRealtimeServer,
	until,
	type TestServer,
	type TestSocket
} from './realtime-helpers';

/** `prompt` re-checks only once a minute: what it disconnects, it disconnects at once. */
let prompt: TestServer;
/** `periodic` re-checks every 100 ms. */
let periodic: TestServer;
const open: TestSocket[] = [];
const connect = async (...args: Parameters<typeof openConnected>) => {
	const client = await openConnected(...args);
	open.push(client.socket);
	return client;
};

beforeAll(async () => {
	prompt = await startRealtimeServer(60_000);
	periodic = await startRealtimeServer(100);
});
afterEach(() => {
	for (const socket of open.splice(0)) socket.disconnect();
});
afterAll(async () => {
	await prompt.close();
	await periodic.close();
});

function villager() {
	const village = makeVillage();
	const family = makeFamily({ villageId: village.id });
	return { village, family, user: makeUser({ memberId: family.head.id }) };
}

describe('revoked credentials', () => {
	it('logout disconnects the sockets of that session, and only those', async () => {
		const { user, family } = villager();
		const mine = sessionCookie(user.id);
		const other = sessionCookie(user.id);
		const a = await connect(prompt, { cookie: mine.cookie });
		const b = await connect(prompt, { cookie: other.cookie });
		expect((await join(a.socket, `household:${family.household.id}`)).ok).toBe(true);
		invalidateSession(mine.sessionId);
		expect(await disconnected(a.socket, 1000)).toBe('io server disconnect');
		expect(b.socket.connected).toBe(true);
		expect((await join(b.socket, `household:${family.household.id}`)).ok).toBe(true);
	});

	it('"log out everywhere" disconnects every socket of the user at once', async () => {
		const { user } = villager();
		const clients = [
			await connect(prompt, sessionCookie(user.id)),
			await connect(prompt, sessionCookie(user.id))
		];
		invalidateAllSessions(user.id);
		const reasons = await Promise.all(clients.map((c) => disconnected(c.socket, 1000)));
		expect(reasons).toEqual(['io server disconnect', 'io server disconnect']);
	});

	it('a password reset by the committee, or changed elsewhere, disconnects at once', async () => {
		const { user, village } = villager();
		const committee = loadViewer(makeUser({ villageId: village.id, roles: ['committee'] }));
		const before = await connect(prompt, sessionCookie(user.id));
		await resetPassword(committee, user.id, { password: 'new-pass-1234' });
		expect(await disconnected(before.socket, 1000)).toBe('io server disconnect');

		db.update(users)
			.set({ passwordHash: await testPasswordHash() })
			.where(eq(users.id, user.id))
			.run();
		const here = sessionCookie(user.id);
		const elsewhere = await connect(prompt, sessionCookie(user.id));
		const stays = await connect(prompt, { cookie: here.cookie });
		await changePassword(
			loadViewer(user),
			{ currentPassword: TEST_PASSWORD, newPassword: 'another-pass-1234' },
			here.sessionId
		);
		expect(await disconnected(elsewhere.socket, 1000)).toBe('io server disconnect');
		expect(stays.socket.connected).toBe(true);
	});

	it('an expired session is disconnected by the periodic re-check', async () => {
		const { user } = villager();
		const { cookie, sessionId } = sessionCookie(user.id);
		const client = await connect(periodic, { cookie });
		db.update(sessions)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where(eq(sessions.id, sessionId))
			.run();
		expect(await disconnected(client.socket, 2000)).toBe('io server disconnect');
	});

	it('a deactivated account is disconnected, and a revoked API token too', async () => {
		const first = villager();
		const second = villager();
		const bySession = await connect(periodic, sessionCookie(first.user.id));
		const { id: tokenId, token } = issueApiToken(second.user.id, second.village.id, 'screen');
		const byToken = await connect(periodic, { token });
		db.update(users).set({ active: false }).where(eq(users.id, first.user.id)).run();
		// The periodic re-check finds the deactivated account; revoking ends the token's sockets
		// at once (so the listener is set before).
		const tokenGone = disconnected(byToken.socket, 2000);
		revokeApiToken(loadViewer(second.user), tokenId);
		expect(await disconnected(bySession.socket, 2000)).toBe('io server disconnect');
		expect(await tokenGone).toBe('io server disconnect');
	});

	it('a join after the session ended is refused by disconnecting', async () => {
		const { user, village } = villager();
		const { cookie, sessionId } = sessionCookie(user.id);
		const client = await connect(prompt, { cookie });
		// Deleted behind the realtime layer's back (no disconnectSession call).
		db.delete(sessions).where(eq(sessions.id, sessionId)).run();
		const gone = disconnected(client.socket, 2000);
		void join(client.socket, `village:${village.id}`).catch(() => {});
		expect(await gone).toBe('io server disconnect');
	});
});

describe('lost rights', () => {
	it('a shopkeeper whose role is taken away is taken out of the staff room', async () => {
		const village = makeVillage();
		const shopkeeper = makeUser({ villageId: village.id, roles: ['shopkeeper'] });
		const client = await connect(periodic, sessionCookie(shopkeeper.id));
		const left: string[] = [];
		client.socket.on('left', ({ room, reason }) => left.push(`${room} ${reason}`));
		expect((await join(client.socket, `staff:${village.id}`)).ok).toBe(true);
		expect((await join(client.socket, `village:${village.id}`)).ok).toBe(true);
		db.delete(roleGrants).where(eq(roleGrants.userId, shopkeeper.id)).run();
		await until(() => left.length > 0, 2000);
		expect(left).toEqual([`staff:${village.id} forbidden`]);
		expect(client.socket.connected).toBe(true);
	});
});
