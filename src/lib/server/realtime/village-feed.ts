import { and, eq } from 'drizzle-orm';
import { roomName, type FeedItem, type RoomName } from '$lib/realtime/events';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { villages } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { can } from '$lib/server/permissions';
import { latestFeed } from './feed-query';

/** What the feed page loads over HTTP before its socket takes over. */
export type VillageFeed = {
	village: { name: string; code: string };
	room: RoomName;
	items: FeedItem[];
	/** The id the socket joins with, so nothing falls between this load and the live stream. */
	lastId: number;
};

export const FEED_PAGE_SIZE = 50;

/**
 * 村里动态: the public feed of the village named by `code` (anyone, no login needed), or of
 * the viewer's own village. Null when there is neither (the page asks for a code).
 */
export function villageFeed(viewer: Viewer | null, code: string | null): VillageFeed | null {
	const where = code
		? eq(villages.code, code.trim().toLowerCase())
		: viewer?.villageId
			? eq(villages.id, viewer.villageId)
			: null;
	if (!where) return null;
	const village = db
		.select({ id: villages.id, name: villages.name, code: villages.code })
		.from(villages)
		.where(and(where, eq(villages.active, true)))
		.get();
	if (!village) throw new DomainError('not_found');
	// Public (room:village allows anyone), but asked all the same: the rule lives in one place.
	if (!can(viewer, 'room:village', { kind: 'village', villageId: village.id })) {
		throw new DomainError('forbidden');
	}
	const room = roomName('village', village.id);
	return {
		village: { name: village.name, code: village.code },
		room,
		...latestFeed(room, FEED_PAGE_SIZE)
	};
}
