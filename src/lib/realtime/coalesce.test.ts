import { describe, expect, it } from 'vitest';
import {
	Coalescer,
	emptyScreenLive,
	foldScreenItems,
	msToVillageMidnight,
	type Scheduler
} from './coalesce';
import type { FeedItem } from './events';

/** A scheduler that runs nothing until the test says the tick has come. */
function manualScheduler() {
	const queued: (() => void)[] = [];
	let scheduled = 0;
	const schedule: Scheduler = (flush) => {
		scheduled += 1;
		queued.push(flush);
		return () => {
			const i = queued.indexOf(flush);
			if (i >= 0) queued.splice(i, 1);
		};
	};
	return {
		schedule,
		scheduled: () => scheduled,
		tick: () => {
			for (const flush of queued.splice(0)) flush();
		}
	};
}

const checkedIn = (id: number, eventId: number, count: number, name = '张*安'): FeedItem => ({
	id,
	room: 'village:1',
	type: 'checked_in',
	payload: { eventId, title: '饺子宴', memberName: name, count },
	at: new Date(1_700_000_000_000 + id).toISOString()
});
const attendance = (id: number, eventId: number, count: number): FeedItem => ({
	id,
	room: `event:${eventId}`,
	type: 'event_attendance',
	payload: { eventId, memberName: '张*安', count },
	at: new Date(1_700_000_000_000 + id).toISOString()
});

describe('Coalescer', () => {
	it('turns a burst of 1,000 check-ins in one tick into one flush with the final count', () => {
		const clock = manualScheduler();
		let state = emptyScreenLive();
		let flushes = 0;
		const c = new Coalescer<FeedItem>((batch) => {
			flushes += 1;
			state = foldScreenItems(state, batch);
		}, clock.schedule);
		for (let i = 1; i <= 1000; i++) {
			c.push(attendance(2 * i - 1, 7, i));
			c.push(checkedIn(2 * i, 7, i, `李*${i}`));
		}
		expect(clock.scheduled()).toBe(1);
		expect(flushes).toBe(0);
		clock.tick();
		expect(flushes).toBe(1);
		expect(state.counts[7]).toEqual({ count: 1000, id: 2000 });
		expect(state.checkins).toHaveLength(12);
		expect(state.checkins[0]).toMatchObject({ id: 2000, memberName: '李*1000' });
		// Nothing new: a later tick does nothing.
		clock.tick();
		expect(flushes).toBe(1);
		// The next item schedules one more tick.
		c.push(checkedIn(2001, 7, 1001));
		expect(clock.scheduled()).toBe(2);
		clock.tick();
		expect(flushes).toBe(2);
		expect(state.counts[7]!.count).toBe(1001);
	});

	it('drops what is buffered when stopped', () => {
		const clock = manualScheduler();
		let flushes = 0;
		const c = new Coalescer<number>(() => (flushes += 1), clock.schedule);
		c.push(1);
		c.stop();
		clock.tick();
		expect(flushes).toBe(0);
	});
});

describe('foldScreenItems', () => {
	it('keeps the count of the newest feed id, whatever order items come in', () => {
		const state = foldScreenItems(emptyScreenLive(), [
			checkedIn(10, 1, 5),
			attendance(9, 1, 5),
			checkedIn(4, 1, 2),
			checkedIn(11, 2, 1)
		]);
		expect(state.counts).toEqual({ 1: { count: 5, id: 10 }, 2: { count: 1, id: 11 } });
		expect(state.checkins.map((c) => c.id)).toEqual([11, 10, 4]);
	});

	it('lists each check-in once when it arrives again (catch-up overlapping live)', () => {
		const once = foldScreenItems(emptyScreenLive(), [checkedIn(3, 1, 1)]);
		const twice = foldScreenItems(once, [checkedIn(3, 1, 1), attendance(2, 1, 1)]);
		expect(twice.checkins).toHaveLength(1);
		expect(twice.counts[1]).toEqual({ count: 1, id: 3 });
	});

	it('ignores other news', () => {
		const item: FeedItem = {
			id: 5,
			room: 'village:1',
			type: 'rules_published',
			payload: { version: 2, adoptedBy: '村民代表会议' },
			at: new Date(0).toISOString()
		};
		expect(foldScreenItems(emptyScreenLive(), [item])).toEqual(emptyScreenLive());
	});
});

describe('msToVillageMidnight', () => {
	it('counts to midnight in Shanghai, not in UTC', () => {
		// 23:59:00 on 6 June in the village is 15:59:00 UTC.
		expect(msToVillageMidnight(Date.parse('2026-06-06T15:59:00Z'))).toBe(60_000);
		// 00:00 in the village: a whole day to the next one.
		expect(msToVillageMidnight(Date.parse('2026-06-06T16:00:00Z'))).toBe(24 * 3600_000);
		// 08:00 UTC is 16:00 in the village: eight hours left.
		expect(msToVillageMidnight(Date.parse('2026-06-06T08:00:00Z'))).toBe(8 * 3600_000);
	});
});
