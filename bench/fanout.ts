/**
 * Benchmark 2 of issue 8 — fan-out: the app's broadcast path against a bare Socket.IO broadcast
 * of the same payload to the same clients.
 *
 * What is compared, and why it is fair:
 * - Two servers, each in a process of its own (the clients live in this process; a bare server
 *   in here would fight them for the same event loop while the app's server doesn't): the app's
 *   production build (bench/lib/server.ts) and bench/fanout-bare-server.ts, plain Socket.IO with
 *   the same version and options as src/lib/server/realtime/attach.ts.
 * - The same clients: 5,000 (quick: 500) socket.io-client clients, websocket transport, each
 *   joined to one event room (bench/watchers.ts), connected to one server at a time.
 * - The same payload: the app sends the `event_attendance` feed item of a check-in; the bare
 *   server sends an item with the same fields, key order and value lengths.
 * - The same number of broadcasts, triggered the same way: one HTTP POST per broadcast, closed
 *   loop at the same concurrency, after the same warm-up. For the app the POST is a card
 *   check-in over the real API (the item goes through recordFeed → commit → re-read → emit); for
 *   the bare server it is POST /broadcast, which only emits. So the app's figure includes what
 *   its real path costs per broadcast (HTTP, auth, the check-in transaction); the app's check-in
 *   rate into a room nobody watches (same clients connected) is reported beside it, to show how
 *   much of any gap is the trigger rather than the broadcast.
 * Measured: messages delivered per second (client, item) from the first trigger to the last
 * delivery, the share delivered, and per-message latency from the item's `at` to the client's
 * handler. The app's `at` is when the feed row was written inside the transaction (before the
 * commit); the bare server's is just before its emit — if anything this favours the bare server.
 * The app coalesces a busy room (src/lib/server/realtime/coalesce.ts): items committed within
 * one window reach the clients as one `feed_batch` message, while the bare server sends one
 * message per item, as a naive broadcast would. That difference is the app's design, so it is
 * measured, not levelled out: both sides count items delivered.
 */
import { spawn } from 'node:child_process';
import type { Benchmark } from './lib/benchmark';
import { keepAliveAgent, request, runJobs, type Reply } from './lib/http';
import type { Row } from './lib/report';
import { ROOT, startServer, tempDatabase } from './lib/server';
import { checkedIn, postCheckIn, seedCheckinVillage } from './checkin-fixture';
import { connectWatchers, DeliveryLog } from './watchers';

const CONCURRENCY = 16;
const WARMUP = 10;

type Side = {
	clients: number;
	broadcasts: number;
	triggersOk: number;
	expected: number;
	delivered: number;
	share: number;
	seconds: number;
	messagesPerSecond: number;
	latencyMs: ReturnType<DeliveryLog['latency']>;
	lastClientMs: ReturnType<DeliveryLog['completion']>;
	connectFailures: Record<string, number>;
};

/** Connects the clients, warms up, then sends `broadcasts` triggers and waits for deliveries. */
async function measure(
	url: string,
	room: string,
	clients: number,
	broadcasts: number,
	trigger: (i: number) => Promise<Reply>,
	ok: (reply: Reply) => boolean,
	whileConnected?: () => Promise<unknown>
): Promise<Side & { extra: unknown }> {
	const log = new DeliveryLog();
	const crowd = await connectWatchers(url, room, clients, log);
	try {
		const warm = await runJobs(Array.from({ length: WARMUP }), CONCURRENCY, (_, i) => trigger(i));
		await log.settle(crowd.joined * warm.replies.filter(ok).length);
		log.reset();

		const started = Date.now();
		const run = await runJobs(Array.from({ length: broadcasts }), CONCURRENCY, (_, i) =>
			trigger(WARMUP + i)
		);
		const triggersOk = run.replies.filter(ok).length;
		const expected = crowd.joined * triggersOk;
		await log.settle(expected);
		const seconds = (Math.max(log.lastDeliveryAt, started + 1) - started) / 1000;
		const extra = whileConnected ? await whileConnected() : null;
		return {
			clients: crowd.joined,
			broadcasts,
			triggersOk,
			expected,
			delivered: log.delivered,
			share: expected > 0 ? log.delivered / expected : 0,
			seconds,
			messagesPerSecond: Math.round(log.delivered / seconds),
			latencyMs: log.latency(),
			lastClientMs: log.completion(),
			connectFailures: crowd.failures,
			extra
		};
	} finally {
		crowd.close();
		// Let both ends notice the disconnects before the next side starts.
		await new Promise((r) => setTimeout(r, 2000));
	}
}

function startBareServer(port: number): Promise<{ stop: () => Promise<void> }> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'bench/fanout-bare-server.ts'], {
		cwd: ROOT,
		env: { ...process.env, PORT: String(port), NODE_ENV: 'production' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let err = '';
	child.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-4000)));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	return new Promise((resolve, reject) => {
		child.stdout.on('data', (c: Buffer) => {
			if (c.toString().includes('listening')) {
				resolve({
					stop: async () => {
						if (child.exitCode === null) child.kill('SIGTERM');
						await exited;
					}
				});
			}
		});
		child.once('exit', (code) => reject(new Error(`bare server exited (${code}):\n${err}`)));
	});
}

const fanout: Benchmark = {
	name: 'fanout',
	title: "Fan-out: the app's broadcast path against a bare Socket.IO broadcast",
	async run({ quick, port }) {
		const clients = quick ? 500 : 5000;
		const broadcasts = quick ? 100 : 300;
		const { database, cleanup } = tempDatabase('jishan-bench-fanout-');
		const app = await startServer({ database, port });
		const bare = await startBareServer(port + 1);
		try {
			// Event 0 is watched; event 1 is checked in to with nobody in its room.
			const seed = await seedCheckinVillage(database, WARMUP + broadcasts, 2);
			const [watched, unwatched] = seed.eventIds as [number, number];
			const target = { url: app.url, token: seed.token };
			const agent = keepAliveAgent(CONCURRENCY);

			const bareRoom = `event:${watched}`;
			const bareUrl = `http://127.0.0.1:${port + 1}`;
			const bareSide = await measure(
				bareUrl,
				bareRoom,
				clients,
				broadcasts,
				() =>
					request(agent, `${bareUrl}/broadcast?room=${encodeURIComponent(bareRoom)}`, {
						method: 'POST'
					}),
				(r) => r.status === 200
			);

			const appSide = await measure(
				app.url,
				`event:${watched}`,
				clients,
				broadcasts,
				(i) => postCheckIn(agent, target, watched, seed.cards[i]!),
				checkedIn,
				async () => {
					const cards = seed.cards.slice(WARMUP, WARMUP + broadcasts);
					const run = await runJobs(cards, CONCURRENCY, (card) =>
						postCheckIn(agent, target, unwatched, card)
					);
					return {
						ok: run.replies.filter(checkedIn).length,
						perSecond: Math.round(cards.length / run.seconds)
					};
				}
			);
			agent.destroy();
			const triggerOnly = appSide.extra as { ok: number; perSecond: number };

			const ratio = appSide.messagesPerSecond / bareSide.messagesPerSecond;
			const rows: Row[] = [
				{ label: 'clients (app / bare)', value: `${appSide.clients} / ${bareSide.clients}` },
				{ label: 'broadcasts each (after 10 warm-up)', value: broadcasts },
				{ label: 'trigger concurrency', value: CONCURRENCY },
				{ label: 'bare Socket.IO: messages/s', value: bareSide.messagesPerSecond, unit: '/s' },
				{ label: 'app: messages/s', value: appSide.messagesPerSecond, unit: '/s' },
				{
					label: 'app ÷ bare',
					value: Math.round(ratio * 100) / 100,
					target: '≥ 0.9',
					met: ratio >= 0.9
				},
				{
					label: 'bare: delivered',
					value: `${(bareSide.share * 100).toFixed(2)}%`,
					target: '100%',
					met: bareSide.delivered === bareSide.expected && bareSide.expected > 0
				},
				{
					label: 'app: delivered',
					value: `${(appSide.share * 100).toFixed(2)}%`,
					target: '100%',
					met: appSide.delivered === appSide.expected && appSide.expected > 0
				},
				{ label: 'bare: delivery p50', value: bareSide.latencyMs.p50, unit: 'ms' },
				{ label: 'bare: delivery p99', value: bareSide.latencyMs.p99, unit: 'ms' },
				{
					label: 'app: delivery p50 (row written → client)',
					value: appSide.latencyMs.p50,
					unit: 'ms'
				},
				{
					label: 'app: delivery p99 (row written → client)',
					value: appSide.latencyMs.p99,
					unit: 'ms'
				},
				{ label: 'app: check-ins/s, room unwatched', value: triggerOnly.perSecond, unit: '/s' }
			];
			const strip = ({ extra: _extra, ...side }: Side & { extra: unknown }) => side;
			return {
				name: 'fanout',
				title: fanout.title,
				rows,
				details: {
					clients,
					broadcasts,
					warmup: WARMUP,
					concurrency: CONCURRENCY,
					bare: strip(bareSide),
					app: strip(appSide),
					appTriggerOnly: triggerOnly,
					attendanceMode: seed.attendanceMode
				}
			};
		} finally {
			await bare.stop();
			await app.stop();
			cleanup();
		}
	}
};

export default fanout;
