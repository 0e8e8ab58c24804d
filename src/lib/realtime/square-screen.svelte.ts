import { untrack } from 'svelte';
import { invalidateAll } from '$app/navigation';
import { realtime } from './connection.svelte';
import {
	Coalescer,
	emptyScreenLive,
	foldScreenItems,
	msToVillageMidnight,
	timerScheduler,
	type ScreenLiveState
} from './coalesce';
import { parseRoom, type FeedItem, type FeedType, type RoomName } from './events';

/** What the screen's load gives this class: today's events and where each room's feed ends. */
export type ScreenData = {
	today: string;
	events: { id: number; checkedIn: number }[];
	checkins: { eventId: number; title: string; memberName: string; at: string }[];
	feed: { village: { room: string; lastId: number }; events: { room: string; lastId: number }[] };
};

/** News that changes more than a count: a new event, a new slip on the board. */
const RELOAD_ON: readonly FeedType[] = ['event_published', 'slip_posted', 'star_level_announced'];
/** The whole screen is reloaded this often anyway (honour roll, notices that ran out). */
const REFRESH_MS = 5 * 60 * 1000;
/** Away longer than this, a reconnect reloads everything rather than trusting the catch-up. */
const LONG_OFFLINE_MS = 30 * 1000;

/**
 * The square screen's live part. Follows `village:<id>` (check-ins with names, new events and
 * slips) and `event:<id>` of each of today's events (counts), starting from the ids the load
 * ended at so nothing falls in between. Items are buffered and applied at most four times a
 * second. It looks after itself on a TV nobody touches: the connection rejoins every room with
 * its last id after a drop or a server restart, and the page's data is reloaded every few
 * minutes, at village midnight (a new "today"), after a long time offline, and when news
 * arrives that a count can't show. Create it while a component initialises (it sets up effects).
 */
export class SquareScreen {
	#live = $state.raw<ScreenLiveState>(emptyScreenLive());
	#data: () => ScreenData;
	#reloading = false;
	#again = false;

	constructor(data: () => ScreenData) {
		this.#data = data;
		const coalescer = new Coalescer<FeedItem>((batch) => {
			this.#live = foldScreenItems(this.#live, batch);
			const known = untrack(() => this.#data().events.map((e) => e.id));
			const news = batch.some(
				(i) =>
					RELOAD_ON.includes(i.type) ||
					(i.type === 'checked_in' && !known.includes(i.payload.eventId))
			);
			if (news) void this.reload();
		}, timerScheduler());

		const rooms = $derived(
			[data().feed.village, ...data().feed.events]
				.map((s) => s.room)
				.sort()
				.join(',')
		);
		$effect(() => {
			// Re-joined only when the set of rooms changes, from the ids of the load that changed it.
			const names = rooms.split(',').flatMap((r) => parseRoom(r)?.name ?? []);
			const starts = untrack(() => {
				const d = this.#data();
				return [d.feed.village, ...d.feed.events];
			});
			realtime.connect();
			const feeds = names.map((room: RoomName) =>
				realtime.subscribe(room, {
					items: [],
					lastId: starts.find((s) => s.room === room)?.lastId ?? 0
				})
			);
			const stops = feeds.map((feed) => feed.onItem((item) => coalescer.push(item)));
			return () => {
				for (const stop of stops) stop();
				for (const feed of feeds) realtime.unsubscribe(feed);
			};
		});
		$effect(() => () => coalescer.stop());

		$effect(() => {
			const timer = setInterval(() => void this.reload(), REFRESH_MS);
			return () => clearInterval(timer);
		});
		$effect(() => {
			// Re-armed by every load whose "today" changed; a little after midnight, to be safe.
			void data().today;
			const timer = setTimeout(() => void this.reload(), msToVillageMidnight(Date.now()) + 5000);
			return () => clearTimeout(timer);
		});
		let awaySince: number | null = null;
		$effect(() => {
			const state = realtime.state;
			if (state !== 'connected') {
				awaySince ??= Date.now();
				return;
			}
			const away = awaySince;
			awaySince = null;
			if (away !== null && Date.now() - away > LONG_OFFLINE_MS) void this.reload();
		});
	}

	/** The id everything in the current load already reflects (feed ids grow across rooms). */
	get #baseline(): number {
		const feed = this.#data().feed;
		return Math.max(feed.village.lastId, ...feed.events.map((e) => e.lastId));
	}

	/** An event's head count: the load's, or newer from the rooms. */
	count(event: { id: number; checkedIn: number }): number {
		const live = this.#live.counts[event.id];
		return live && live.id > this.#baseline ? live.count : event.checkedIn;
	}

	/** The latest check-ins, newest first: those since the load, then the load's. */
	checkins(keep = 12): ScreenData['checkins'] {
		const baseline = this.#baseline;
		const fresh = this.#live.checkins.filter((c) => c.id > baseline);
		return [...fresh, ...this.#data().checkins].slice(0, keep);
	}

	get connected(): boolean {
		return realtime.state === 'connected';
	}

	/** Lost and trying again (not the first connect, and never while rendered on the server). */
	get reconnecting(): boolean {
		return realtime.state === 'reconnecting' || realtime.state === 'offline';
	}

	/** One reload at a time, and only while the server is reachable (an error page would stick). */
	async reload(): Promise<void> {
		if (this.#reloading) {
			this.#again = true;
			return;
		}
		this.#reloading = true;
		try {
			do {
				this.#again = false;
				if (realtime.state !== 'connected') return;
				await invalidateAll();
			} while (this.#again);
		} catch {
			// The next timer or reconnect tries again.
		} finally {
			this.#reloading = false;
		}
	}
}
