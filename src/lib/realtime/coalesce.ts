import type { FeedItem } from './events';

/** Runs `flush` later (a frame, a timer) and returns a way to cancel it. */
export type Scheduler = (flush: () => void) => () => void;

/**
 * Collects live items and hands them over in batches, at most once per scheduled tick: a burst of
 * 1,000 check-ins becomes one update of the screen, not a thousand repaints. Client-safe and
 * free of timers of its own, so tests drive it with a fake scheduler.
 */
export class Coalescer<T> {
	#buffer: T[] = [];
	#cancel: (() => void) | null = null;

	constructor(
		private readonly apply: (batch: T[]) => void,
		private readonly schedule: Scheduler
	) {}

	push(item: T): void {
		this.#buffer.push(item);
		if (this.#cancel) return;
		this.#cancel = this.schedule(() => this.flush());
	}

	/** Applies what is buffered now (also called by the scheduler). */
	flush(): void {
		this.#cancel = null;
		if (this.#buffer.length === 0) return;
		const batch = this.#buffer;
		this.#buffer = [];
		this.apply(batch);
	}

	/** Drops what is buffered and any pending tick (the screen is going away). */
	stop(): void {
		this.#cancel?.();
		this.#cancel = null;
		this.#buffer = [];
	}
}

/** At most four flushes a second: quick enough to feel live, calm enough for a TV. */
export function timerScheduler(ms = 250): Scheduler {
	return (flush) => {
		const timer = setTimeout(flush, ms);
		return () => clearTimeout(timer);
	};
}

/** What the square screen shows live, on top of its page's load. */
export type ScreenLiveState = {
	/** Per event: the newest head count and the feed id it came with (ids only grow). */
	counts: Record<number, { count: number; id: number }>;
	/** Check-ins since the load, newest first (feed id, masked name, event). */
	checkins: { id: number; eventId: number; title: string; memberName: string; at: string }[];
};

export const emptyScreenLive = (): ScreenLiveState => ({ counts: {}, checkins: [] });

/**
 * Folds a batch of feed items into the screen's live state: only the latest count per event is
 * kept, each check-in is listed once (the `village:` room's `checked_in`; the event room's
 * `event_attendance` of the same check-in only updates the count), at most `keep` of them.
 */
export function foldScreenItems(
	state: ScreenLiveState,
	batch: readonly FeedItem[],
	keep = 12
): ScreenLiveState {
	const counts = { ...state.counts };
	const seen = new Set(state.checkins.map((c) => c.id));
	const added: ScreenLiveState['checkins'] = [];
	for (const item of batch) {
		if (item.type !== 'checked_in' && item.type !== 'event_attendance') continue;
		const { eventId, count, memberName } = item.payload;
		const known = counts[eventId];
		if (!known || item.id > known.id) counts[eventId] = { count, id: item.id };
		if (item.type === 'checked_in' && !seen.has(item.id)) {
			seen.add(item.id);
			added.push({ id: item.id, eventId, title: item.payload.title, memberName, at: item.at });
		}
	}
	const checkins = [...added, ...state.checkins].sort((a, b) => b.id - a.id).slice(0, keep);
	return { counts, checkins };
}

const DAY = 24 * 60 * 60 * 1000;

/** Milliseconds until the next midnight in village time (Asia/Shanghai, no daylight saving). */
export function msToVillageMidnight(now: number): number {
	const shanghai = now + 8 * 60 * 60 * 1000;
	return DAY - (shanghai % DAY);
}
