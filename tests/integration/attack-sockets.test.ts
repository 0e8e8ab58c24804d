/**
 * Socket attacks, as tables of cases over a real server and the real socket.io-client: a
 * handshake from an origin that only looks like ours, every private room kind (household:,
 * staff:, team:) asked for by someone who must not be in it, revoked credentials, and join
 * payloads built to break the handler. A refusal must be an answer (an error ack or a refused
 * handshake), never a crash: after every attack the server still answers. The rooms' rules one
 * by one are in realtime-rooms.test.ts and teams-realtime.test.ts; socket lifetime after logout
 * and re-checks in realtime-session.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io as connectClient } from 'socket.io-client';
import type { FeedItem, JoinResult } from '$lib/realtime/events';
import { invalidateSession } from '$lib/server/auth/session';
import { issueApiToken, revokeApiToken } from '$lib/server/auth/tokens';
import { publish } from '$lib/server/realtime/publish';
import { makeFamily, makeUser } from '../factories';
import {
	disconnected,
	join,
	openConnected,
	openSocket,
	sessionCookie,
	startRealtimeServer,
	until,
	type TestServer,
	type TestSocket
} from './realtime-helpers';
import { makeTeamWorld } from './teams-helpers';

let server: TestServer;
let port: number;
const open: TestSocket[] = [];
const track = <T extends { socket: TestSocket }>(client: T) => (open.push(client.socket), client);

beforeAll(async () => {
	server = await startRealtimeServer();
	port = Number(new URL(server.url).port);
});
afterEach(() => {
	for (const socket of open.splice(0)) socket.disconnect();
});
afterAll(() => server.close());

const code = (result: JoinResult) => (result.ok ? 'ok' : result.error.code);

/** The server is still up and answering: a fresh anonymous socket joins a public room. */
async function stillAnswers(villageId: number): Promise<void> {
	const probe = track(await openConnected(server));
	expect(code(await join(probe.socket, `village:${villageId}`))).toBe('ok');
}

/**
 * 柳条村-like village A with a volunteer team (its member has a login and a household), its
 * committee, and village B next door.
 */
function world() {
	const w = makeTeamWorld(1);
	const [volunteer] = w.volunteers;
	const villageB = w.otherCommittee.villageId!;
	const rooms = {
		household: `household:${volunteer.household.id}`,
		staff: `staff:${w.village.id}`,
		team: `team:${w.teamId}`
	} as const;
	return { w, volunteer, villageB, rooms };
}

describe('handshake origin', () => {
	it('refuses every origin that is not exactly ours, even with a good cookie', async () => {
		const { volunteer } = world();
		const { cookie } = sessionCookie(volunteer.viewer.userId);
		const lookalikes = [
			'http://evil.example',
			`http://127.0.0.1:${port}.evil.example`,
			`http://127.0.0.1.evil.example:${port}`,
			`http://127.0.0.1:${port}@evil.example`,
			`http://evil.example/?http://127.0.0.1:${port}`,
			`http://127.0.0.1:${port + 1}`,
			'http://127.0.0.1',
			`http://localhost:${port}`,
			'null',
			'',
			'not a url',
			'file://'
		];
		const admitted: string[] = [];
		for (const origin of lookalikes) {
			const client = track(await openSocket(server, { cookie, origin: origin || ' ' }));
			if (!client.error) admitted.push(origin);
		}
		expect(admitted).toEqual([]);
		// Control: the same cookie from our own origin gets in.
		const own = track(await openSocket(server, { cookie, origin: server.url }));
		expect(own.error).toBeNull();
	});

	it('checks the origin on the long-polling transport too', async () => {
		const { volunteer } = world();
		const { cookie } = sessionCookie(volunteer.viewer.userId);
		const outcome = async (origin: string) => {
			const socket: TestSocket = connectClient(server.url, {
				transports: ['polling'],
				reconnection: false,
				forceNew: true,
				extraHeaders: { cookie, origin }
			});
			open.push(socket);
			return new Promise<string>((resolve) => {
				socket.once('connect', () => resolve('connected'));
				socket.once('connect_error', () => resolve('refused'));
			});
		};
		expect(await outcome(`http://127.0.0.1:${port}.evil.example`)).toBe('refused');
		expect(await outcome(server.url)).toBe('connected');
	});

	it('with ORIGIN set, only that exact origin is ours — not the Host the request came to', async () => {
		const { volunteer } = world();
		const { cookie } = sessionCookie(volunteer.viewer.userId);
		const saved = process.env.ORIGIN;
		process.env.ORIGIN = 'https://jishan.example';
		try {
			const verdicts: Record<string, boolean> = {};
			for (const origin of [
				'https://jishan.example',
				'http://jishan.example',
				'https://jishan.example:8443',
				'https://jishan.example.evil.example',
				'https://evil.jishan.example',
				server.url
			]) {
				verdicts[origin] = !(await openSocket(server, { cookie, origin }).then(track)).error;
			}
			expect(verdicts).toEqual({
				'https://jishan.example': true,
				'http://jishan.example': false,
				'https://jishan.example:8443': false,
				'https://jishan.example.evil.example': false,
				'https://evil.jishan.example': false,
				[server.url]: false
			});
		} finally {
			if (saved === undefined) delete process.env.ORIGIN;
			else process.env.ORIGIN = saved;
		}
	});
});

describe('private rooms', () => {
	it('are refused to everyone outside them, and none of their items reaches a refused socket', async () => {
		const { w, volunteer, villageB, rooms } = world();
		const villagerB = makeUser({ memberId: makeFamily({ villageId: villageB }).head.id });
		const townAdmin = makeUser({ isTownAdmin: true });
		const revoked = sessionCookie(volunteer.viewer.userId);
		invalidateSession(revoked.sessionId);
		const outsiderCookie = sessionCookie(w.outsider.viewer.userId).cookie;

		type Expected = Record<keyof typeof rooms, string>;
		const all = (c: string): Expected => ({ household: c, staff: c, team: c });
		const attackers: { who: string; cookie?: string; expected: Expected }[] = [
			{ who: 'anonymous', expected: all('unauthenticated') },
			{
				who: 'garbage session cookie',
				cookie: 'session=../../etc',
				expected: all('unauthenticated')
			},
			{
				who: 'the logged-out session of the member himself',
				cookie: revoked.cookie,
				expected: all('unauthenticated')
			},
			{ who: 'villager of another household', cookie: outsiderCookie, expected: all('forbidden') },
			{
				// 代办 without the member's consent, cookie forged by hand.
				who: 'villager with a forged acting_for cookie',
				cookie: `${outsiderCookie}; acting_for=${volunteer.head.id}`,
				expected: all('forbidden')
			},
			{
				who: 'villager of another village',
				cookie: sessionCookie(villagerB.id).cookie,
				expected: all('not_found')
			},
			{
				who: 'committee of another village',
				cookie: sessionCookie(w.otherCommittee.userId).cookie,
				expected: all('not_found')
			},
			// The town admin sees every village's pages but isn't in any household, team or shop.
			{ who: 'town admin', cookie: sessionCookie(townAdmin.id).cookie, expected: all('forbidden') }
		];

		const refused: { who: string; feed: FeedItem[]; socket: TestSocket }[] = [];
		const wrong: string[] = [];
		for (const attacker of attackers) {
			const client = track(await openConnected(server, { cookie: attacker.cookie }));
			for (const kind of Object.keys(rooms) as (keyof typeof rooms)[]) {
				const got = code(await join(client.socket, rooms[kind], 0));
				if (got !== attacker.expected[kind]) wrong.push(`${attacker.who} ${kind}: ${got}`);
			}
			refused.push({ who: attacker.who, feed: client.feed, socket: client.socket });
		}
		expect(wrong).toEqual([]);

		// The rightful listeners, so we know the items below really went out.
		const member = track(await openConnected(server, sessionCookie(volunteer.viewer.userId)));
		const committee = track(await openConnected(server, sessionCookie(w.committee.userId)));
		expect(code(await join(member.socket, rooms.household))).toBe('ok');
		expect(code(await join(committee.socket, rooms.staff))).toBe('ok');
		// No feed type is written to team rooms (FEED_ROOM_KIND); their refusal is checked above.
		publish({
			villageId: w.village.id,
			room: rooms.household,
			type: 'points_expired',
			payload: { points: 3 }
		});
		publish({
			villageId: w.village.id,
			room: rooms.staff,
			type: 'order_closed',
			payload: { orderId: 1, outcome: 'cancelled' }
		});
		await until(() => member.feed.length === 1 && committee.feed.length === 1);
		// Messages on one connection arrive in order: once an attacker's join is answered, any item
		// emitted to it before would already be there.
		for (const { socket } of refused) await join(socket, `village:${w.village.id}`);
		expect(refused.filter((r) => r.feed.length > 0).map((r) => r.who)).toEqual([]);
	});

	it('a revoked API token: its live sockets end at once, and it makes no new connection', async () => {
		const { volunteer, rooms, w } = world();
		const { id, token } = issueApiToken(volunteer.viewer.userId, w.village.id, 'stolen');
		const joined = track(await openConnected(server, { token }));
		expect(code(await join(joined.socket, rooms.household))).toBe('ok');

		// Like logout for a session: revoking the token ends the sockets it connected, then and
		// there, not at the next join or the periodic re-check.
		const gone = disconnected(joined.socket);
		revokeApiToken(volunteer.viewer, id);
		expect(await gone).toBe('io server disconnect');
		const again = track(await openSocket(server, { token }));
		expect(again.error?.message).toBe('unauthenticated');

		publish({
			villageId: w.village.id,
			room: rooms.household,
			type: 'points_expired',
			payload: { points: 1 }
		});
		await stillAnswers(w.village.id);
		expect(joined.feed).toEqual([]);
	});
});

describe('malformed joins', () => {
	let villageId: number;
	beforeAll(() => {
		villageId = world().w.village.id;
	});

	/** Deeply nested arrays: small on the wire, deep for a recursive parser. */
	const nested = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));

	const malformed: [string, unknown][] = [
		['null', null],
		['a number', 42],
		['a bare string', 'village:1'],
		['an array', ['village:1']],
		['room: a number', { room: 1 }],
		['room: null', { room: null }],
		['room: an array', { room: ['village:1'] }],
		['room: an object', { room: {} }],
		['room: an object whose toString is not a function', { room: { toString: 1 } }],
		['room: an object with valueOf and toString data', { room: { valueOf: 1, toString: 'x' } }],
		['room: 15,000 characters', { room: 'village:' + '1'.repeat(15_000) }],
		['room: 15 digits + 1', { room: 'village:' + '9'.repeat(16) }],
		['room: negative id', { room: 'village:-1' }],
		['room: id 0', { room: 'village:0' }],
		['room: fractional id', { room: 'village:1.5' }],
		['room: exponent', { room: 'village:1e3' }],
		['room: hex', { room: 'village:0x10' }],
		['room: full-width digit', { room: 'village:１' }],
		['room: trailing newline', { room: 'village:1\n' }],
		['room: NUL byte', { room: 'village:1\u0000' }],
		['unknown kind group:', { room: 'group:1' }],
		['unknown kind care:', { room: 'care:1' }],
		['unknown kind town:', { room: 'town:1' }],
		['internal room @user:', { room: '@user:1' }],
		['internal room @session:', { room: '@session:abc' }],
		['kind __proto__', { room: '__proto__:1' }],
		['kind constructor', { room: 'constructor:1' }],
		['__proto__ key', JSON.parse('{"__proto__":{"room":"village:1"}}')],
		['constructor.prototype key', { constructor: { prototype: { room: 'village:1' } } }],
		['nested 2,000 deep', { room: nested(2000) }]
	];

	it.each(malformed)('%s: a bad_request ack, and the server still answers', async (_, payload) => {
		const client = track(await openConnected(server));
		const result = await client.socket.timeout(5000).emitWithAck('join', payload as never);
		expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
		expect(typeof result.room).toBe('string');
		await stillAnswers(villageId);
	});

	it('prototype-looking keys pollute nothing and open no private room', async () => {
		const { rooms } = world();
		const client = track(await openConnected(server));
		const result = await client.socket
			.timeout(5000)
			.emitWithAck(
				'join',
				JSON.parse(
					`{"room":"${rooms.staff}","__proto__":{"isTownAdmin":true,"roles":["committee"],"villageId":1}}`
				)
			);
		expect(code(result)).toBe('unauthenticated');
		const probe = {} as Record<string, unknown>;
		expect([probe.isTownAdmin, probe.roles, probe.villageId, probe.room]).toEqual([
			undefined,
			undefined,
			undefined,
			undefined
		]);
	});

	it('odd lastId values on a public room mean "from now": nothing older is sent', async () => {
		const client = track(await openConnected(server));
		const answers: JoinResult[] = [];
		for (const lastId of [-1, 1.5, 1e300, '0', '0 OR 1=1', {}, [0], null, true]) {
			answers.push(
				await client.socket
					.timeout(5000)
					.emitWithAck('join', { room: `village:${villageId}`, lastId } as never)
			);
		}
		expect(answers.map((a) => (a.ok ? a.items.length : a.error.code))).toEqual(Array(9).fill(0));
	});

	it('a join without an ack callback, an unknown event, a bad leave: ignored', async () => {
		const client = track(await openConnected(server));
		const raw = client.socket as unknown as { emit: (...args: unknown[]) => void };
		raw.emit('join', { room: 'staff:1' });
		raw.emit('join');
		raw.emit('leave', { toString: 1 });
		raw.emit('leave', '@user:1');
		raw.emit('no-such-event', { room: 'staff:1' }, () => {});
		raw.emit('__proto__', {});
		raw.emit('constructor', {});
		expect(code(await join(client.socket, `village:${villageId}`))).toBe('ok');
		await stillAnswers(villageId);
	});

	it('a message over the 16 KB limit ends that connection only', async () => {
		const client = track(await openConnected(server));
		const gone = disconnected(client.socket);
		client.socket.emit('join', { room: 'village:' + '1'.repeat(20_000) } as never, () => {});
		expect(await gone).toBe('transport close');
		await stillAnswers(villageId);
	});

	/** Socket.IO packets written straight onto the Engine.IO connection. */
	const rawPackets: [string, string][] = [
		['truncated JSON', '2["join",{"room":'],
		['unknown packet type', '9["join"]'],
		['event name not a string', '2[{"room":"village:1"}]'],
		['reserved event name', '2["disconnect"]'],
		['empty event', '2[]'],
		['ack for nothing', '3999["join"]'],
		['binary placeholder without attachment', '51-["join",{"_placeholder":true,"num":7}]'],
		['other namespace', '2/admin,["join",{"room":"staff:1"}]']
	];

	it.each(rawPackets)('raw packet, %s: never a crash', async (_, packet) => {
		const client = track(await openConnected(server));
		const engine = (client.socket.io as unknown as { engine: { send: (data: string) => void } })
			.engine;
		engine.send(packet);
		// Either the connection is closed as a protocol error or the packet is ignored; both fine.
		await new Promise((resolve) => setTimeout(resolve, 50));
		await stillAnswers(villageId);
	});
});
