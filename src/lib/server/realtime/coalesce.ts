import type { FeedItem, RoomName } from '$lib/realtime/events';
import { realtimeHub } from './hub';

/**
 * Why rooms are coalesced: at a county festival an event room has thousands of watching phones
 * and screens while dozens of people check in each second. One Socket.IO message per check-in
 * per watcher costs the server far more than the check-ins themselves (bench: `npm run bench --
 * checkin`). So a room's first item after a quiet spell goes out at once, and the items that
 * follow within the window are held and sent together as one `feed_batch` when it closes; the
 * window then reopens while items keep coming. A busy room gets at most one message per window,
 * carrying everything new in id order; a quiet one is not delayed at all.
 */
export function feedWindowMs(env = process.env.REALTIME_FEED_WINDOW_MS): number {
	const ms = Number(env ?? 100);
	return Number.isFinite(ms) && ms >= 0 ? ms : 100;
}

const windowMs = feedWindowMs();
/** Rooms with an open window, and what is held for them until it closes. */
const held = new Map<RoomName, FeedItem[]>();

/** Sends a committed feed row to its room's sockets (publish.ts calls this in id order). */
export function sendToRoom(room: RoomName, item: FeedItem): void {
	const waiting = held.get(room);
	if (waiting) {
		waiting.push(item);
		return;
	}
	emit(room, [item]);
	openWindow(room);
}

/**
 * Sends what is held for the room now, keeping its window open. A socket about to join calls
 * this: its catch-up is read from the database, which already has the held rows.
 */
export function releaseHeld(room: RoomName): void {
	const items = held.get(room);
	if (!items || items.length === 0) return;
	held.set(room, []);
	emit(room, items);
}

function openWindow(room: RoomName): void {
	if (windowMs === 0) return;
	held.set(room, []);
	setTimeout(() => closeWindow(room), windowMs).unref();
}

function closeWindow(room: RoomName): void {
	const items = held.get(room) ?? [];
	held.delete(room);
	if (items.length === 0) return;
	emit(room, items);
	openWindow(room);
}

function emit(room: RoomName, items: FeedItem[]): void {
	for (const io of realtimeHub().servers) {
		if (items.length === 1) io.to(room).emit('feed', items[0]!);
		else io.to(room).emit('feed_batch', items);
	}
}
