import { untrack } from 'svelte';
import { invalidateAll } from '$app/navigation';
import { realtime } from './connection.svelte';
import { roomName, type FeedType } from './events';

/** News in a household's room that changes what its page shows: balance, entries, slips. */
export const HOUSEHOLD_REFRESH: readonly FeedType[] = [
	'points_credited',
	'objection_raised',
	'objection_resolved',
	'points_expired'
];

/**
 * Keeps a household page current without a reload: follows the `household:<id>` room from the
 * id the page's load ended at (so news between the load and the socket's join is caught up),
 * and reloads the page's data when points or a slip's standing change. The toast itself comes
 * from the layout's Toasts, which follows the same room. Create it while a component
 * initialises (it sets up an effect).
 */
export class HouseholdLive {
	#refreshing = false;
	#again = false;

	constructor(householdId: () => number | null, lastFeedId: () => number) {
		$effect(() => {
			const id = householdId();
			if (id === null) return;
			// The page's baseline only matters for the first join; later loads mustn't re-join.
			const lastId = untrack(lastFeedId);
			realtime.connect();
			const feed = realtime.subscribe(roomName('household', id), { items: [], lastId });
			const stop = feed.onItem((item) => {
				if (!HOUSEHOLD_REFRESH.includes(item.type)) return;
				void this.#refresh();
			});
			return () => {
				stop();
				realtime.unsubscribe(feed);
			};
		});
	}

	/** Whether live updates are flowing right now. */
	get connected(): boolean {
		return realtime.state === 'connected';
	}

	/** One reload at a time; news that arrives during one triggers one more after it. */
	async #refresh(): Promise<void> {
		if (this.#refreshing) {
			this.#again = true;
			return;
		}
		this.#refreshing = true;
		try {
			do {
				this.#again = false;
				await invalidateAll();
			} while (this.#again);
		} finally {
			this.#refreshing = false;
		}
	}
}
