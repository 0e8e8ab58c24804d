/**
 * Catch-up from the persisted feed: a client that comes back with the last id it saw gets
 * exactly what it missed, in order, then live events — no gap, no duplicate — also when events
 * keep coming while it rejoins, and also between a page's HTTP load and its socket.
 */
import { and, asc, eq, gt } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CATCH_UP_LIMIT, roomName, type FeedItem, type JoinResult } from '$lib/realtime/events';
import { db } from '$lib/server/db';
import { feedEvents } from '$lib/server/db/schema';
import { publish } from '$lib/server/realtime/publish';
import { villageFeed } from '$lib/server/realtime/village-feed';
import { makeVillage } from '../factories';
import {
	join,
	openConnected,
	startRealtimeServer,
	until,
	type TestServer,
	type TestSocket
} from './realtime-helpers';

let server: TestServer;
const open: TestSocket[] = [];
const connect = async () => {
	const client = await openConnected(server);
	open.push(client.socket);
	return client;
};

beforeAll(async () => {
	server = await startRealtimeServer();
});
afterEach(() => {
	for (const socket of open.splice(0)) socket.disconnect();
});
afterAll(() => server.close());

function villageWithFeed() {
	const village = makeVillage();
	const room = roomName('village', village.id);
	let n = 0;
	const happen = () =>
		publish({
			villageId: village.id,
			room,
			type: 'household_joined',
			payload: { number: `H-${++n}`, headName: null }
		});
	const idsAfter = (lastId: number) =>
		db
			.select({ id: feedEvents.id })
			.from(feedEvents)
			.where(and(eq(feedEvents.room, room), gt(feedEvents.id, lastId)))
			.orderBy(asc(feedEvents.id))
			.all()
			.map((r) => r.id);
	return { village, room, happen, idsAfter };
}

const ok = (result: JoinResult) => {
	if (!result.ok) throw new Error(result.error.code);
	return result;
};
const ids = (items: FeedItem[]) => items.map((i) => i.id);

describe('catch-up', () => {
	it('after a disconnect: exactly the missed events in order, then live ones', async () => {
		const { room, happen } = villageWithFeed();
		happen();
		const first = await connect();
		const joined = ok(await join(first.socket, room));
		expect(joined.items).toEqual([]); // no lastId: starts from now
		const seen = happen();
		await until(() => first.feed.length === 1);
		expect(ids(first.feed)).toEqual([seen]);
		const lastId = first.feed.at(-1)!.id;
		first.socket.disconnect();

		const missed = [happen(), happen(), happen()];
		const again = await connect();
		const caughtUp = ok(await join(again.socket, room, lastId));
		expect(ids(caughtUp.items)).toEqual(missed);
		expect(caughtUp.items.map((i) => i.type === 'household_joined' && i.payload.number)).toEqual([
			'H-3',
			'H-4',
			'H-5'
		]);
		expect(caughtUp).toMatchObject({ lastId: missed[2], truncated: false });

		const live = happen();
		await until(() => again.feed.length === 1);
		expect(ids(again.feed)).toEqual([live]);
	});

	it('events published during the rejoin arrive once each, none lost', async () => {
		const { room, happen, idsAfter } = villageWithFeed();
		for (let i = 0; i < 5; i++) happen();
		const lastId = idsAfter(0)[1]!; // the client saw the first two
		// A stream of events, one per turn of the event loop, while the client connects and joins.
		let publishing = true;
		let afterJoin = 0;
		const stream = (async () => {
			while (publishing || afterJoin++ < 20) {
				happen();
				await new Promise((r) => setImmediate(r));
			}
		})();
		const client = await connect();
		const caughtUp = ok(await join(client.socket, room, lastId));
		publishing = false;
		await stream;
		const expected = idsAfter(lastId);
		await until(() => caughtUp.items.length + client.feed.length >= expected.length);
		await new Promise((r) => setTimeout(r, 50));

		// Catch-up first, then live: together every row after lastId, in order, each once.
		const received = [...ids(caughtUp.items), ...ids(client.feed.filter((i) => i.room === room))];
		expect(received).toEqual(expected);
		// The stream really overlapped the rejoin: some of it came as catch-up, some live.
		expect(caughtUp.items.length).toBeGreaterThan(3);
		expect(client.feed.length).toBeGreaterThan(0);
	});

	it('a client away for longer than the catch-up limit gets the newest rows, marked truncated', async () => {
		const { room, happen, idsAfter } = villageWithFeed();
		happen();
		const lastId = idsAfter(0)[0]!;
		for (let i = 0; i < CATCH_UP_LIMIT + 5; i++) happen();
		const client = await connect();
		const result = ok(await join(client.socket, room, lastId));
		expect(result.truncated).toBe(true);
		expect(ids(result.items)).toEqual(idsAfter(lastId).slice(-CATCH_UP_LIMIT));
	});
});

describe('a page loaded over HTTP, then connected', () => {
	it('has no gap: the socket joins with the id the page ended at', async () => {
		const { village, room, happen } = villageWithFeed();
		happen();
		happen();
		const page = villageFeed(null, village.code);
		expect(page?.room).toBe(room);
		expect(page?.items.map((i) => i.type === 'household_joined' && i.payload.number)).toEqual([
			'H-1',
			'H-2'
		]);
		// Things happen while the browser is still starting its socket.
		const meanwhile = [happen(), happen()];
		const client = await connect();
		const joined = ok(await join(client.socket, room, page!.lastId));
		expect(ids(joined.items)).toEqual(meanwhile);
	});

	it('shows a visitor’s own village when logged in, another by its code, none otherwise', () => {
		const { village } = villageWithFeed();
		expect(villageFeed(null, null)).toBeNull();
		expect(() => villageFeed(null, 'no-such-village')).toThrow();
		expect(villageFeed(null, village.code.toUpperCase())?.village.code).toBe(village.code);
	});
});
