import { describe, expect, it } from 'vitest';
import type { FeedItem } from './events';
import { RoomFeed } from './connection.svelte';
import { maskName } from './mask';

const item = (id: number): FeedItem => ({
	id,
	room: 'village:1',
	type: 'household_joined',
	payload: { number: `H-${id}`, headName: null },
	at: new Date(0).toISOString()
});
const ids = (feed: RoomFeed) => feed.items.map((i) => i.id);

describe('RoomFeed (the client side of catch-up)', () => {
	it('holds live items that arrive during a join until the catch-up, then applies each once', () => {
		const feed = new RoomFeed('village:1');
		feed.items = [item(1), item(2)];
		feed.lastId = 2;
		feed.hasBaseline = true;
		const heard: number[] = [];
		feed.onItem((i) => heard.push(i.id));

		feed.pending = []; // a join is in flight
		feed.live(item(5));
		feed.live(item(4));
		feed.caughtUp({
			ok: true,
			room: 'village:1',
			items: [item(3), item(4)],
			lastId: 4,
			truncated: false
		});
		expect(ids(feed)).toEqual([1, 2, 3, 4, 5]);
		expect(feed.lastId).toBe(5);
		expect(heard).toEqual([3, 4, 5]);

		feed.live(item(5)); // a duplicate
		feed.live(item(6));
		expect(ids(feed)).toEqual([1, 2, 3, 4, 5, 6]);
	});

	it('starts over when the server says the catch-up was truncated', () => {
		const feed = new RoomFeed('village:1');
		feed.items = [item(1)];
		feed.lastId = 1;
		feed.pending = [];
		feed.caughtUp({
			ok: true,
			room: 'village:1',
			items: [item(300)],
			lastId: 300,
			truncated: true
		});
		expect(ids(feed)).toEqual([300]);
	});

	it('without a baseline takes the server’s newest id, so old rows are not replayed', () => {
		const feed = new RoomFeed('village:1');
		feed.pending = [];
		feed.caughtUp({ ok: true, room: 'village:1', items: [], lastId: 41, truncated: false });
		feed.live(item(41));
		feed.live(item(42));
		expect(ids(feed)).toEqual([42]);
	});
});

describe('maskName', () => {
	it('keeps the first and last character of a name', () => {
		expect(['张小安', '欧阳小娜', '张三', '张', ' 李四 ', '𠮷小明', ''].map(maskName)).toEqual([
			'张*安',
			'欧**娜',
			'张*',
			'张*',
			'李*',
			'𠮷*明',
			''
		]);
	});
});
