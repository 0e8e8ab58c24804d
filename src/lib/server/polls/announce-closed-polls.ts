import { and, eq, isNull, lte } from 'drizzle-orm';
import { db, write } from '$lib/server/db';
import { polls } from '$lib/server/db/schema/polls';
import { recordFeed } from '$lib/server/realtime/publish';
import { roomName } from '$lib/realtime/events';
import { householdsVoted } from './views';

/**
 * Tells the village feed about polls whose closing time has passed. A poll is closed by time
 * without anything being written (closed = closedAt set or closesAt passed), so the feed item is
 * written lazily: by the first read of the village's polls after the closing time (list and
 * detail pages, API). `closeAnnouncedAt` makes it happen once, even when two reads race.
 * Returns how many polls were announced.
 */
export function announceClosedPolls(villageId: number, now: Date): number {
	const due = and(
		eq(polls.villageId, villageId),
		isNull(polls.closedAt),
		isNull(polls.closeAnnouncedAt),
		lte(polls.closesAt, now)
	);
	// A plain read first: most reads find nothing due and shouldn't take the write lock.
	if (!db.select({ id: polls.id }).from(polls).where(due).get()) return 0;
	return write((tx) => {
		const rows = tx.select().from(polls).where(due).all();
		for (const poll of rows) {
			tx.update(polls).set({ closeAnnouncedAt: now }).where(eq(polls.id, poll.id)).run();
			recordFeed(tx, {
				villageId,
				room: roomName('village', villageId),
				type: 'poll_closed',
				payload: { pollId: poll.id, title: poll.title, households: householdsVoted(tx, poll.id) }
			});
		}
		return rows.length;
	});
}
