/**
 * Socket.IO watchers for the check-in and fan-out benchmarks: thousands of socket.io-client
 * clients in the benchmark's own process, each in one room, as a village's phones watching an
 * event page would be. The bench process shares two cores with the server, so the feed handler
 * does as little as it can: a clock read, a map lookup and a few counter increments. No
 * per-message sample is kept (5,000 × 5,000 would be 25 M): latencies go into a 1-ms histogram.
 */
import { io, type Socket } from 'socket.io-client';
import type {
	ClientToServerEvents,
	FeedItem,
	JoinResult,
	ServerToClientEvents
} from '$lib/realtime/events';
import type { Summary } from './lib/stats';

type WatcherSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Longest latency the histogram tells apart; anything slower counts here. */
const MAX_MS = 120_000;

/**
 * Every feed item every watcher received: latency from the item's `at` (the server's clock when
 * the feed row was written, inside the transaction that committed it; same machine, same clock)
 * to the moment the handler ran, and per item how many watchers have it and when the last did.
 */
export class DeliveryLog {
	readonly histogram = new Uint32Array(MAX_MS + 1);
	delivered = 0;
	latencySum = 0;
	latencyMax = 0;
	lastDeliveryAt = 0;
	/** Per item id: its `at` in ms, how many watchers received it, when the latest did. */
	readonly items = new Map<number, { at: number; count: number; last: number }>();

	record(item: Pick<FeedItem, 'id' | 'at'>): void {
		const now = Date.now();
		let entry = this.items.get(item.id);
		if (entry === undefined) {
			entry = { at: Date.parse(item.at), count: 0, last: 0 };
			this.items.set(item.id, entry);
		}
		entry.count++;
		entry.last = now;
		const ms = Math.max(0, now - entry.at);
		this.histogram[Math.min(MAX_MS, ms)]!++;
		this.latencySum += ms;
		if (ms > this.latencyMax) this.latencyMax = ms;
		this.delivered++;
		this.lastDeliveryAt = now;
	}

	reset(): void {
		this.histogram.fill(0);
		this.delivered = 0;
		this.latencySum = 0;
		this.latencyMax = 0;
		this.lastDeliveryAt = 0;
		this.items.clear();
	}

	/** Per (watcher, item) pair, from the item's `at` to the watcher's handler, in ms. */
	latency(): Summary {
		return histogramSummary(this.histogram, this.delivered, this.latencySum, this.latencyMax);
	}

	/** Per item, from its `at` until the last watcher that received it had it, in ms. */
	completion(): Summary {
		const h = new Uint32Array(MAX_MS + 1);
		let sum = 0;
		let max = 0;
		for (const e of this.items.values()) {
			const ms = Math.max(0, e.last - e.at);
			h[Math.min(MAX_MS, ms)]!++;
			sum += ms;
			max = Math.max(max, ms);
		}
		return histogramSummary(h, this.items.size, sum, max);
	}

	/**
	 * Waits until `expected` deliveries arrived, or nothing new arrived for `quietMs` (the rest
	 * is lost, or so late it counts as lost), or `capMs` passed.
	 */
	async settle(expected: number, quietMs = 5000, capMs = 300_000): Promise<void> {
		const started = Date.now();
		let seen = this.delivered;
		let since = Date.now();
		while (this.delivered < expected && Date.now() - started < capMs) {
			await new Promise((r) => setTimeout(r, 50));
			if (this.delivered !== seen) {
				seen = this.delivered;
				since = Date.now();
			} else if (Date.now() - since > quietMs) {
				return;
			}
		}
	}
}

/** Nearest-rank percentiles (as bench/lib/stats.ts) of a 1-ms histogram. */
function histogramSummary(h: Uint32Array, n: number, sum: number, max: number): Summary {
	const at = (p: number) => {
		if (n === 0) return NaN;
		const rank = Math.max(1, Math.ceil((p / 100) * n));
		let seen = 0;
		for (let ms = 0; ms < h.length; ms++) {
			seen += h[ms]!;
			if (seen >= rank) return ms;
		}
		return h.length - 1;
	};
	return {
		n,
		p50: at(50),
		p90: at(90),
		p99: at(99),
		max,
		mean: n ? Math.round((sum / n) * 100) / 100 : NaN
	};
}

export type Watchers = {
	sockets: WatcherSocket[];
	/** Watchers that connected and were let into the room. */
	joined: number;
	/** Refusals and connection errors, by message (e.g. "connect_error: …"), with counts. */
	failures: Record<string, number>;
	seconds: number;
	close(): void;
};

/**
 * Connects `count` anonymous clients over the websocket transport (each its own connection,
 * as separate phones would be; no reconnection, so a drop shows as missing deliveries) and
 * joins each to `room` (event rooms are public). `wave` connections are opened at a time, so
 * the server's accept backlog isn't what is measured.
 */
export async function connectWatchers(
	url: string,
	room: string,
	count: number,
	log: DeliveryLog,
	wave = 200
): Promise<Watchers> {
	const sockets: WatcherSocket[] = [];
	const failures: Record<string, number> = {};
	const fail = (why: string) => (failures[why] = (failures[why] ?? 0) + 1);
	let joined = 0;
	const started = Date.now();

	const one = async () => {
		const socket: WatcherSocket = io(url, {
			transports: ['websocket'],
			forceNew: true,
			reconnection: false,
			timeout: 60_000
		});
		sockets.push(socket);
		socket.on('feed', (item) => log.record(item));
		// A busy room's items come held together (src/lib/server/realtime/coalesce.ts).
		socket.on('feed_batch', (items) => {
			for (const item of items) log.record(item);
		});
		socket.on('disconnect', (reason) => fail(`disconnect: ${reason}`));
		const connected = await new Promise<boolean>((resolve) => {
			socket.once('connect', () => resolve(true));
			socket.once('connect_error', (e) => {
				fail(`connect_error: ${e.message}`);
				resolve(false);
			});
		});
		if (!connected) return;
		try {
			const result: JoinResult = await socket.timeout(60_000).emitWithAck('join', {
				room: room as never
			});
			if (result.ok) joined++;
			else fail(`join refused: ${result.error.code}`);
		} catch (e) {
			fail(`join: ${(e as Error).message}`);
		}
	};

	for (let i = 0; i < count; i += wave) {
		await Promise.all(Array.from({ length: Math.min(wave, count - i) }, one));
	}
	return {
		sockets,
		joined,
		failures,
		seconds: (Date.now() - started) / 1000,
		close: () => {
			for (const s of sockets) {
				s.off('disconnect');
				s.disconnect();
			}
		}
	};
}
