/**
 * Who may be in which Socket.IO room — over a real server and the real socket.io-client.
 * The permission module decides (room:* actions); these tests check it holds on the wire,
 * tenant isolation included.
 */
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '$lib/server/auth/tokens';
import { db } from '$lib/server/db';
import { members, tenGroups } from '$lib/server/db/schema';
import { makeFamily, makeTenGroup, makeUser, makeVillage } from '../factories';
import {
	join,
	openConnected,
	openSocket,
	sessionCookie,
	startRealtimeServer,
	type TestServer,
	type TestSocket
} from './realtime-helpers';

let server: TestServer;
const open: TestSocket[] = [];
const track = <T extends { socket: TestSocket }>(client: T) => (open.push(client.socket), client);

beforeAll(async () => {
	server = await startRealtimeServer();
});
afterEach(() => {
	for (const socket of open.splice(0)) socket.disconnect();
});
afterAll(() => server.close());

function liutiaoAndMajia() {
	const a = makeVillage();
	const b = makeVillage();
	const group = makeTenGroup({ villageId: a.id });
	const home = makeFamily({ villageId: a.id, tenGroupId: group.id });
	const neighbour = makeFamily({ villageId: a.id, tenGroupId: group.id });
	const farAway = makeFamily({ villageId: b.id });
	const villager = makeUser({ memberId: home.head.id });
	const committeeA = makeUser({ villageId: a.id, roles: ['committee'] });
	return { a, b, group, home, neighbour, farAway, villager, committeeA };
}

const code = (result: Awaited<ReturnType<typeof join>>) => (result.ok ? 'ok' : result.error.code);

describe('anonymous sockets', () => {
	it('may join only the public village rooms', async () => {
		const { a, b, home } = liutiaoAndMajia();
		const anon = track(await openConnected(server));
		expect(await anon.welcome).toEqual({ household: null });
		expect(code(await join(anon.socket, `village:${a.id}`))).toBe('ok');
		expect(code(await join(anon.socket, `village:${b.id}`))).toBe('ok');
		expect(code(await join(anon.socket, `household:${home.household.id}`))).toBe('unauthenticated');
		expect(code(await join(anon.socket, `staff:${a.id}`))).toBe('unauthenticated');
		// Event rooms are public too (counts, masked names); this one doesn't exist.
		expect(code(await join(anon.socket, 'event:999999'))).toBe('not_found');
		expect(code(await join(anon.socket, 'team:1'))).toBe('unauthenticated');
		expect(code(await join(anon.socket, 'village:999999'))).toBe('not_found');
		for (const bad of ['village', 'village:abc', '@user:1', 'village:1 ', 'VILLAGE:1', '']) {
			expect(code(await join(anon.socket, bad))).toBe('bad_request');
		}
	});

	it('gets the refusal in the language of the Paraglide cookie', async () => {
		const { a } = liutiaoAndMajia();
		const zh = track(await openConnected(server));
		const en = track(await openConnected(server, { cookie: 'PARAGLIDE_LOCALE=en' }));
		const refused = [
			await join(zh.socket, `staff:${a.id}`),
			await join(en.socket, `staff:${a.id}`)
		];
		expect(refused.map((r) => (r.ok ? '' : r.error.message))).toEqual([
			expect.stringMatching(/[\u4e00-\u9fff]/),
			expect.stringMatching(/^[\x20-\x7e]+$/)
		]);
	});
});

describe('villagers', () => {
	it('join their own household room, never another household’s or any staff room', async () => {
		const { a, b, home, neighbour, farAway, villager } = liutiaoAndMajia();
		const client = track(await openConnected(server, sessionCookie(villager.id)));
		expect(await client.welcome).toEqual({ household: `household:${home.household.id}` });
		expect(code(await join(client.socket, `household:${home.household.id}`))).toBe('ok');
		expect(code(await join(client.socket, `village:${a.id}`))).toBe('ok');
		expect(code(await join(client.socket, `household:${neighbour.household.id}`))).toBe(
			'forbidden'
		);
		expect(code(await join(client.socket, `staff:${a.id}`))).toBe('forbidden');
		// Another village: as on pages and in the API, it doesn't exist for them.
		expect(code(await join(client.socket, `staff:${b.id}`))).toBe('not_found');
		expect(code(await join(client.socket, `household:${farAway.household.id}`))).toBe('not_found');
		expect(code(await join(client.socket, 'household:999999'))).toBe('not_found');
	});

	it('hear a household they act for (代办, with consent), not one they merely lead', async () => {
		const { group, neighbour } = liutiaoAndMajia();
		// The 十户长 of the neighbour's group lives elsewhere; the neighbour agreed to 代办.
		const leaderHome = makeFamily({ villageId: group.villageId });
		db.update(tenGroups)
			.set({ leaderMemberId: leaderHome.head.id })
			.where(eq(tenGroups.id, group.id))
			.run();
		db.update(members).set({ proxyConsent: true }).where(eq(members.id, neighbour.head.id)).run();
		const leader = makeUser({ memberId: leaderHome.head.id });
		const { cookie } = sessionCookie(leader.id);

		const plain = track(await openConnected(server, { cookie }));
		expect(code(await join(plain.socket, `household:${neighbour.household.id}`))).toBe('forbidden');
		const acting = track(
			await openConnected(server, { cookie: `${cookie}; acting_for=${neighbour.head.id}` })
		);
		expect(code(await join(acting.socket, `household:${neighbour.household.id}`))).toBe('ok');
	});
});

describe('staff', () => {
	it('the committee joins its own staff room and not another village’s', async () => {
		const { a, b, committeeA, home } = liutiaoAndMajia();
		const client = track(await openConnected(server, sessionCookie(committeeA.id)));
		expect(code(await join(client.socket, `staff:${a.id}`))).toBe('ok');
		expect(code(await join(client.socket, `staff:${b.id}`))).toBe('not_found');
		// The committee manages households but doesn't get their private notices.
		expect(code(await join(client.socket, `household:${home.household.id}`))).toBe('forbidden');
	});
});

describe('the handshake', () => {
	it('accepts a bearer API token and refuses a wrong one', async () => {
		const { home, villager } = liutiaoAndMajia();
		const { token } = issueApiToken(villager.id, villager.villageId, 'test');
		const api = track(await openConnected(server, { token }));
		expect(code(await join(api.socket, `household:${home.household.id}`))).toBe('ok');
		const wrong = track(await openSocket(server, { token: 'not-a-token' }));
		expect(wrong.error?.message).toBe('unauthenticated');
	});

	it('refuses a browser on another origin and accepts one on ours', async () => {
		const { villager } = liutiaoAndMajia();
		const { cookie } = sessionCookie(villager.id);
		const foreign = track(await openSocket(server, { cookie, origin: 'http://evil.example' }));
		expect(foreign.error).not.toBeNull();
		const own = track(await openSocket(server, { cookie, origin: server.url }));
		expect(own.error).toBeNull();
	});

	it('treats a stale session cookie as anonymous, like a page does', async () => {
		const { a, home } = liutiaoAndMajia();
		const client = track(await openConnected(server, { cookie: 'session=stale' }));
		expect(code(await join(client.socket, `village:${a.id}`))).toBe('ok');
		expect(code(await join(client.socket, `household:${home.household.id}`))).toBe(
			'unauthenticated'
		);
	});
});
