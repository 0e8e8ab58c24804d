/**
 * The `event:<id>` room on the wire: public (anyone may watch an event's attendance, like the
 * square's screen will), carrying counts and masked names only; a missed check-in is caught up.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FeedItem } from '$lib/realtime/events';
import { checkIn } from '$lib/server/events/check-in';
import { checkinToken } from '$lib/server/events/checkin-token';
import { signUp } from '$lib/server/events/sign-up';
import { at, makeEventWorld } from './events-helpers';
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

beforeAll(async () => {
	server = await startRealtimeServer();
});
afterEach(() => {
	for (const socket of open.splice(0)) socket.disconnect();
});
afterAll(() => server.close());

describe('event rooms', () => {
	it('let anyone watch the live count with masked names, and catch up what was missed', async () => {
		const w = makeEventWorld();
		const ev = w.event({ signupRequired: false });
		const anon = await openConnected(server);
		open.push(anon.socket);
		const heard: FeedItem[] = [];
		anon.socket.on('feed', (item) => heard.push(item));
		anon.socket.on('feed_batch', (items) => heard.push(...items));
		const joined = await join(anon.socket, `event:${ev.id}`);
		expect(joined.ok).toBe(true);
		const start = joined.ok ? joined.lastId : 0;

		checkIn(
			w.home.viewer,
			{ method: 'qr', eventId: ev.id, token: checkinToken(ev, at(0)) },
			{ now: at(0) }
		);
		await until(() => heard.some((i) => i.type === 'event_attendance'));
		const item = heard.find((i) => i.type === 'event_attendance')!;
		expect(item.room).toBe(`event:${ev.id}`);
		expect(item.payload).toEqual({ eventId: ev.id, memberName: '张*安', count: 1 });

		// A screen that was away rejoins from where it was and gets the same rows.
		signUp(w.neighbour.viewer, { eventId: ev.id, memberId: w.neighbour.head.id }, { now: at(1) });
		checkIn(
			w.neighbour.viewer,
			{ method: 'qr', eventId: ev.id, token: checkinToken(ev, at(1)) },
			{ now: at(1) }
		);
		const late = await openConnected(server);
		open.push(late.socket);
		const caughtUp = await join(late.socket, `event:${ev.id}`, start);
		expect(caughtUp.ok).toBe(true);
		if (!caughtUp.ok) return;
		expect(caughtUp.items.map((i) => [i.type, i.payload])).toEqual([
			['event_attendance', { eventId: ev.id, memberName: '张*安', count: 1 }],
			['event_signups_changed', { eventId: ev.id, signedUp: 1, waitlisted: 0 }],
			['event_attendance', { eventId: ev.id, memberName: '李*明', count: 2 }]
		]);
	});

	it('refuses an event that does not exist', async () => {
		const anon = await openConnected(server);
		open.push(anon.socket);
		const result = await join(anon.socket, 'event:987654');
		expect(result.ok ? 'ok' : result.error.code).toBe('not_found');
	});
});
