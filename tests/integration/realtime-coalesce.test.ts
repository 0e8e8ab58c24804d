/**
 * A busy room's feed is coalesced: the first item after a quiet spell goes out at once as
 * `feed`, the ones that follow within the window arrive together as one `feed_batch` — every
 * item exactly once, in id order — and a quiet room is not held back.
 */
import { describe, expect, it } from 'vitest';
import type { FeedItem } from '$lib/realtime/events';
import { feedWindowMs } from '$lib/server/realtime/coalesce';
import { publish } from '$lib/server/realtime/publish';
import { makeVillage } from '../factories';
import { join, until, useRealtimeServer } from './realtime-helpers';

const { connect } = useRealtimeServer();

const joined = (number: string) =>
	({ type: 'household_joined', payload: { number, headName: null } }) as const;

describe('coalesced rooms', () => {
	it('a burst of 50 items reaches a watcher as one item and one batch, each once, in order', async () => {
		const village = makeVillage();
		const room = `village:${village.id}` as const;
		const watcher = await connect();
		const messages: ('feed' | 'feed_batch')[] = [];
		watcher.socket.on('feed', () => messages.push('feed'));
		watcher.socket.on('feed_batch', () => messages.push('feed_batch'));
		expect((await join(watcher.socket, room)).ok).toBe(true);

		const ids: number[] = [];
		for (let i = 0; i < 50; i++) {
			ids.push(publish({ villageId: village.id, room, ...joined(`B-${i}`) }));
		}
		await until(() => watcher.feed.length >= 50);
		expect(watcher.feed.map((item: FeedItem) => item.id)).toEqual(ids);
		expect(messages).toEqual(['feed', 'feed_batch']);
	});

	it('a quiet room is not held back: an item after the window goes out on its own at once', async () => {
		const village = makeVillage();
		const room = `village:${village.id}` as const;
		const watcher = await connect();
		expect((await join(watcher.socket, room)).ok).toBe(true);

		publish({ villageId: village.id, room, ...joined('Q-1') });
		await until(() => watcher.feed.length === 1);
		await new Promise((r) => setTimeout(r, feedWindowMs() + 50));
		const sent = Date.now();
		publish({ villageId: village.id, room, ...joined('Q-2') });
		await until(() => watcher.feed.length === 2);
		// Well inside one window: it was not held.
		expect(Date.now() - sent).toBeLessThan(feedWindowMs());
	});

	it('a socket joining while items are held gets them in its catch-up, and not again live', async () => {
		const village = makeVillage();
		const room = `village:${village.id}` as const;
		const early = await connect();
		expect((await join(early.socket, room)).ok).toBe(true);
		const before = publish({ villageId: village.id, room, ...joined('J-0') });
		await until(() => early.feed.length === 1);

		// Within the window opened by J-0: all ten are held.
		const burst = Array.from({ length: 10 }, (_, i) =>
			publish({ villageId: village.id, room, ...joined(`J-${i + 1}`) })
		);
		const late = await connect();
		const result = await join(late.socket, room, before);
		if (!result.ok) throw new Error(result.error.code);
		expect(result.items.map((item) => item.id)).toEqual(burst);
		// The early watcher had them at the join; the late one gets nothing more.
		await until(() => early.feed.length === 11);
		expect(early.feed.map((item) => item.id)).toEqual([before, ...burst]);
		await new Promise((r) => setTimeout(r, feedWindowMs() * 2));
		expect(late.feed).toEqual([]);
	});

	it('the window length comes from REALTIME_FEED_WINDOW_MS, 100 ms unless set sensibly', () => {
		expect(feedWindowMs(undefined)).toBe(100);
		expect(feedWindowMs('250')).toBe(250);
		expect(feedWindowMs('0')).toBe(0);
		expect(feedWindowMs('soon')).toBe(100);
		expect(feedWindowMs('-5')).toBe(100);
	});
});
