import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { FeedType, RoomName } from '$lib/realtime/events';
import { createdAt, id } from './columns';
import { villages } from './villages';

/**
 * The village activity feed: every event the realtime layer pushes is first a row here, written
 * in the same transaction as the change it reports (src/lib/server/realtime/publish.ts). The id
 * only grows (AUTOINCREMENT, and SQLite has one writer, so commit order is id order), which is
 * what lets a reconnecting client ask for "everything after id N" in one room.
 */
export const feedEvents = sqliteTable(
	'feed_events',
	{
		id: id(),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		/** The Socket.IO room it was pushed to, e.g. "village:1". */
		room: text().$type<RoomName>().notNull(),
		type: text().$type<FeedType>().notNull(),
		/** What every member of the room may see (see FeedPayloads): never private fields. */
		payload: text({ mode: 'json' }).$type<Record<string, unknown>>().notNull(),
		createdAt: createdAt()
	},
	// Catch-up and the feed page read one room's rows by id.
	(t) => [index('feed_events_room').on(t.room, t.id)]
);

export type FeedEventRow = typeof feedEvents.$inferSelect;
