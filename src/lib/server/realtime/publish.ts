import { asc, inArray } from 'drizzle-orm';
import {
	FEED_ROOM_KIND,
	parseRoom,
	type FeedPayloads,
	type FeedType,
	type RoomName
} from '$lib/realtime/events';
import { db, sqlite, write, type Tx } from '$lib/server/db';
import { feedEvents } from '$lib/server/db/schema';
import { toFeedItem } from './feed-query';
import { sendToRoom } from './coalesce';
import { realtimeHub } from './hub';
import { ZFeedPayloads } from './payloads';

/**
 * How domain code pushes live updates — the only way it reaches Socket.IO.
 *
 * A service calls `recordFeed(tx, event)` INSIDE its write() transaction: the feed row then
 * commits (or rolls back) together with the change it reports, so the feed never tells of
 * something that didn't happen, nor misses something that did. The socket emit happens only
 * after the commit: write() is synchronous (better-sqlite3), so a microtask queued during the
 * transaction runs once it has finished; it re-reads the queued ids and emits the rows that
 * exist — a rolled-back row is simply not there. Rows are emitted in id order, which is commit
 * order, which is what clients rely on to drop duplicates by id.
 *
 *   write((tx) => {
 *     const row = tx.insert(households)…;
 *     recordFeed(tx, { villageId, room: roomName('village', villageId),
 *       type: 'household_joined', payload: { number, headName: null } });
 *   });
 */
export type FeedEvent<T extends FeedType = FeedType> = {
	villageId: number;
	room: RoomName;
	type: T;
	payload: FeedPayloads[T];
};

export function recordFeed<T extends FeedType>(tx: Tx, event: FeedEvent<T>): number {
	const room = parseRoom(event.room);
	// A type belongs to one kind of room (a household's news can't land in a public room).
	if (!room || room.kind !== FEED_ROOM_KIND[event.type]) {
		throw new Error(`feed: ${event.type} can't be published to ${event.room}`);
	}
	if ((room.kind === 'village' || room.kind === 'staff') && room.id !== event.villageId) {
		throw new Error(`feed: ${event.room} is not village ${event.villageId}`);
	}
	// Strict parse: an unexpected (possibly private) field throws and the transaction rolls back.
	const payload = ZFeedPayloads[event.type].parse(event.payload) as Record<string, unknown>;
	const { id } = tx
		.insert(feedEvents)
		.values({ villageId: event.villageId, room: room.name, type: event.type, payload })
		.returning({ id: feedEvents.id })
		.get();
	emitAfterCommit(id);
	return id;
}

/** For code that has no transaction of its own: writes the row, emits after. */
export function publish<T extends FeedType>(event: FeedEvent<T>): number {
	return write((tx) => recordFeed(tx, event));
}

let queued: number[] = [];

function emitAfterCommit(id: number): void {
	if (queued.length === 0) queueMicrotask(flush);
	queued.push(id);
}

function flush(): void {
	// write() can't span an await, so this is a safety net for a transaction opened by hand.
	if (sqlite.inTransaction) {
		setImmediate(flush);
		return;
	}
	const ids = queued;
	queued = [];
	const { servers } = realtimeHub();
	if (servers.size === 0 || ids.length === 0) return; // CLI, tests: rows wait for catch-up
	const rows = db
		.select()
		.from(feedEvents)
		.where(inArray(feedEvents.id, ids))
		.orderBy(asc(feedEvents.id))
		.all();
	for (const row of rows) sendToRoom(row.room as RoomName, toFeedItem(row));
}
