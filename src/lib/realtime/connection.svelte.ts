import type { Socket } from 'socket.io-client';
import { untrack } from 'svelte';
import type {
	ClientToServerEvents,
	FeedItem,
	JoinResult,
	RoomName,
	ServerToClientEvents
} from './events';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** Items a room keeps on screen; older ones fall off (the feed page shows 50). */
const KEEP = 100;

/**
 * One room's live feed, as components use it: `items` oldest first, `lastId` the newest id
 * seen. Items are taken strictly in id order and each id once, so catch-up and live events
 * can overlap without duplicates.
 */
export class RoomFeed {
	items = $state.raw<FeedItem[]>([]);
	/** The newest id this client has for the room. */
	lastId = $state(0);
	error = $state<{ code: string; message: string } | null>(null);
	/** Whether `lastId` means something yet (from the page's HTTP load or an earlier join). */
	hasBaseline = false;
	/** Live items that arrive while a join is in flight, applied after its catch-up. */
	pending: FeedItem[] | null = null;
	users = 0;
	// Callbacks, not state: nothing renders from this set.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#listeners = new Set<(item: FeedItem) => void>();

	constructor(readonly room: RoomName) {}

	/** Called for each item that arrives after subscribing (live or caught up), e.g. toasts. */
	onItem(listener: (item: FeedItem) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** The server's answer to a join: the missed items, then whatever arrived meanwhile. */
	caughtUp(result: Extract<JoinResult, { ok: true }>): void {
		const pending = this.pending ?? [];
		this.pending = null;
		this.error = null;
		// Away so long that the server sent only the newest rows: ours are no longer contiguous.
		if (result.truncated) this.items = [];
		this.#take(result.items);
		this.lastId = Math.max(this.lastId, result.lastId);
		this.hasBaseline = true;
		this.#take(pending.sort((a, b) => a.id - b.id));
	}

	live(item: FeedItem): void {
		if (this.pending) this.pending.push(item);
		else this.#take([item]);
	}

	#take(items: FeedItem[]): void {
		const fresh = items.filter((item) => item.id > this.lastId);
		if (fresh.length === 0) return;
		this.lastId = fresh[fresh.length - 1]!.id;
		this.items = [...this.items, ...fresh].slice(-KEEP);
		for (const item of fresh) for (const listener of this.#listeners) listener(item);
	}
}

/**
 * The page's one Socket.IO connection (created on first use, in the browser only) and the
 * rooms its components follow. On every (re)connect it joins each room again with the room's
 * lastId, so the server sends what was missed while away and then live events.
 */
export class RealtimeConnection {
	state = $state<ConnectionState>('connecting');
	/** The signed-in user's household room, announced by the server (for toasts). */
	household = $state<RoomName | null>(null);
	#socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
	#starting = false;
	// Bookkeeping, not state: components hold their RoomFeed, whose fields are reactive.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#rooms = new Map<RoomName, RoomFeed>();
	/** Set while the browser says it is offline: we stop trying and resume when it is back. */
	#pausedOffline = false;

	/** Starts the connection (idempotent; no-op during SSR). */
	connect(): void {
		if (typeof window === 'undefined' || this.#socket || this.#starting) return;
		this.#starting = true;
		// Loaded on demand: pages without live parts don't download the client.
		void import('socket.io-client').then(({ io }) => {
			const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
				// Performance guidance: WebSocket first; polling only where WebSocket is blocked.
				transports: ['websocket', 'polling'],
				tryAllTransports: true,
				autoConnect: false
			});
			this.#socket = socket;
			this.#listen(socket);
			if (navigator.onLine) socket.connect();
			else this.#pause();
		});
	}

	/** Follows a room; `initial` is what the page loaded over HTTP (and the id it ends at). */
	subscribe(room: RoomName, initial?: { items: FeedItem[]; lastId: number }): RoomFeed {
		// Called from effects: reading the feed's state here must not make them re-run.
		return untrack(() => this.#subscribe(room, initial));
	}

	#subscribe(room: RoomName, initial?: { items: FeedItem[]; lastId: number }): RoomFeed {
		let feed = this.#rooms.get(room);
		if (!feed) {
			feed = new RoomFeed(room);
			this.#rooms.set(room, feed);
		}
		if (initial && (!feed.hasBaseline || initial.lastId > feed.lastId)) {
			feed.items = initial.items.slice(-KEEP);
			feed.lastId = initial.lastId;
			feed.hasBaseline = true;
		}
		feed.users += 1;
		if (feed.users === 1 && this.#socket?.connected) this.#join(feed);
		return feed;
	}

	unsubscribe(feed: RoomFeed): void {
		feed.users -= 1;
		if (feed.users > 0) return;
		this.#rooms.delete(feed.room);
		if (this.#socket?.connected) this.#socket.emit('leave', feed.room);
	}

	#join(feed: RoomFeed): void {
		feed.pending = [];
		const lastId = feed.hasBaseline ? feed.lastId : undefined;
		this.#socket?.emit('join', { room: feed.room, lastId }, (result) => {
			if (result.ok) feed.caughtUp(result);
			else {
				feed.pending = null;
				feed.error = result.error;
			}
		});
	}

	#listen(socket: Socket<ServerToClientEvents, ClientToServerEvents>): void {
		socket.on('connect', () => {
			this.state = 'connected';
			for (const feed of this.#rooms.values()) this.#join(feed);
		});
		socket.on('welcome', ({ household }) => {
			this.household = household;
		});
		socket.on('feed', (item) => this.#rooms.get(item.room)?.live(item));
		socket.on('feed_batch', (items) => {
			for (const item of items) this.#rooms.get(item.room)?.live(item);
		});
		socket.on('left', ({ room, reason }) => {
			const feed = this.#rooms.get(room);
			if (feed) feed.error = { code: reason, message: '' };
		});
		socket.on('disconnect', (reason) => {
			// The server ended the session (logout elsewhere, expiry): no automatic reconnect.
			if (reason === 'io server disconnect') this.state = 'offline';
			else this.state = 'reconnecting';
		});
		socket.on('connect_error', () => {
			// A refused handshake is final; anything else is retried by the client.
			if (!socket.active) this.state = 'offline';
			else if (this.state === 'connected') this.state = 'reconnecting';
		});
		// A phone knows when it has no network: say so at once rather than after the ping timeout,
		// and reconnect the moment it is back instead of waiting for the next retry.
		window.addEventListener('offline', () => this.#pause());
		window.addEventListener('online', () => {
			if (!this.#pausedOffline) return;
			this.#pausedOffline = false;
			socket.connect();
		});
	}

	#pause(): void {
		this.#pausedOffline = true;
		this.state = 'reconnecting';
		this.#socket?.disconnect();
	}
}

/** The shared connection for this browser tab. */
export const realtime = new RealtimeConnection();
