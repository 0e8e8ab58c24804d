import { and, desc, eq, gt } from 'drizzle-orm';
import { CATCH_UP_LIMIT, type FeedItem, type RoomName } from '$lib/realtime/events';
import { db } from '$lib/server/db';
import { feedEvents, type FeedEventRow } from '$lib/server/db/schema';

/** A stored row as clients see it (the payload was checked against its schema when written). */
export function toFeedItem(row: FeedEventRow): FeedItem {
	return {
		id: row.id,
		room: row.room,
		type: row.type,
		payload: row.payload,
		at: row.createdAt.toISOString()
	} as FeedItem;
}

/**
 * The newest `limit` rows of a room, oldest first, and the id to continue from — what a page
 * loaded over HTTP shows before its socket joins with that id (so nothing falls in between).
 */
export function latestFeed(room: RoomName, limit: number): { items: FeedItem[]; lastId: number } {
	const newestFirst = db
		.select()
		.from(feedEvents)
		.where(eq(feedEvents.room, room))
		.orderBy(desc(feedEvents.id))
		.limit(limit)
		.all();
	return {
		items: newestFirst.toReversed().map(toFeedItem),
		lastId: newestFirst[0]?.id ?? 0
	};
}

/**
 * The rows of a room after `lastId`, oldest first: the newest `limit` of them, with
 * `truncated` when there were more (a client away that long starts over from these).
 */
export function feedAfter(
	room: RoomName,
	lastId: number,
	limit = CATCH_UP_LIMIT
): { items: FeedItem[]; truncated: boolean } {
	const newestFirst = db
		.select()
		.from(feedEvents)
		.where(and(eq(feedEvents.room, room), gt(feedEvents.id, lastId)))
		.orderBy(desc(feedEvents.id))
		.limit(limit + 1)
		.all();
	return {
		items: newestFirst.slice(0, limit).reverse().map(toFeedItem),
		truncated: newestFirst.length > limit
	};
}

/** The newest id in a room (0 when empty): where a client without history starts. */
export function lastFeedId(room: RoomName): number {
	return (
		db
			.select({ id: feedEvents.id })
			.from(feedEvents)
			.where(eq(feedEvents.room, room))
			.orderBy(desc(feedEvents.id))
			.limit(1)
			.get()?.id ?? 0
	);
}
