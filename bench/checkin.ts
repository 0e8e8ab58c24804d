/**
 * Benchmark 1 of issue 8 — check-in burst. 5,000 distinct members (quick: 500) of 柳条村 are
 * checked in to one event over the real API while 5,000 Socket.IO clients (quick: 500) watch the
 * event's room.
 *
 * - Server: the production build (bench/lib/server.ts), demo villages seeded at start; then the
 *   members, their member cards, the events and a staff API token through the real services
 *   (bench/seed-checkin-village.ts). The event needs no sign-up and earns the demo's attendance
 *   rule in the village's default attendance mode, 'slip' (a deposit slip per check-in, to be
 *   reviewed and 公示'd): that is what a village gets unless the committee switches to 'credit'.
 * - Check-ins: staff scanning member cards (method "card") with one committee member's Bearer
 *   token, one distinct member per request, each with an Idempotency-Key; closed loop.
 * - Concurrency: 16, 32 and 64 are tried first on events nobody watches; the best is used for
 *   the watched burst and for the baseline (GET /api/v1/health, same server, same run, with the
 *   watchers connected).
 * - Watchers: anonymous socket.io-client clients, websocket transport, each joined to
 *   event:<id>; every check-in sends each of them one `event_attendance` feed item. Delivery
 *   latency runs from the item's `at` — the server's clock when the feed row was written in the
 *   check-in's transaction (ms resolution; same machine) — to the client's handler.
 * - Server RSS (peak) and event-loop delay come from the probe, over the watched burst and the
 *   time its broadcasts took to arrive.
 * The watchers live in this process: on two cores they compete with the server for CPU, which
 * makes delivery figures pessimistic (see bench/watchers.ts for how little a handler does).
 */
import type { Benchmark } from './lib/benchmark';
import { keepAliveAgent, request, runJobs, type Reply } from './lib/http';
import type { Row } from './lib/report';
import { startServer, tempDatabase } from './lib/server';
import { summarize, type Summary } from './lib/stats';
import { checkedIn, postCheckIn, seedCheckinVillage } from './checkin-fixture';
import { connectWatchers, DeliveryLog } from './watchers';

const CONCURRENCIES = [16, 32, 64];

function burstFigures(replies: Reply[], seconds: number) {
	const ok = replies.filter(checkedIn).length;
	const errors = replies.length - ok;
	const statuses: Record<string, number> = {};
	for (const r of replies) if (!checkedIn(r)) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
	return {
		requests: replies.length,
		ok,
		errors,
		statuses,
		firstError: replies.find((r) => !checkedIn(r))?.body.slice(0, 300) ?? null,
		seconds: Math.round(seconds * 1000) / 1000,
		perSecond: Math.round(replies.length / seconds),
		latency: summarize(replies.map((r) => r.ms).filter(Number.isFinite)) as Summary
	};
}

/** Check-ins/s into an event nobody watches, on a fresh server started with `env`. */
async function unwatchedRate(
	port: number,
	members: number,
	concurrency: number,
	env: Record<string, string>
) {
	const { database, cleanup } = tempDatabase('jishan-bench-checkin-env-');
	const server = await startServer({ database, port, env });
	try {
		const seed = await seedCheckinVillage(database, members, 1);
		const agent = keepAliveAgent(concurrency);
		const { replies, seconds } = await runJobs(seed.cards, concurrency, (card) =>
			postCheckIn(agent, { url: server.url, token: seed.token }, seed.eventIds[0]!, card)
		);
		agent.destroy();
		return { env, concurrency, ...burstFigures(replies, seconds) };
	} finally {
		await server.stop();
		cleanup();
	}
}

const checkin: Benchmark = {
	name: 'checkin',
	title: 'Check-in burst: distinct members over HTTP while Socket.IO clients watch the event',
	async run({ quick, port }) {
		const members = quick ? 500 : 5000;
		const watchers = quick ? 500 : 5000;
		const sweepSize = quick ? 300 : 1500;
		const baselineSize = quick ? 3000 : 10000;
		const { database, cleanup } = tempDatabase('jishan-bench-checkin-');
		const server = await startServer({ database, port });
		try {
			// Event 0 is the watched one; one more per concurrency tried.
			const seed = await seedCheckinVillage(database, members, 1 + CONCURRENCIES.length);
			const target = { url: server.url, token: seed.token };
			const [watchedEvent, ...sweepEvents] = seed.eventIds as [number, ...number[]];

			const sweep = [];
			for (const [i, concurrency] of CONCURRENCIES.entries()) {
				const agent = keepAliveAgent(concurrency);
				const cards = seed.cards.slice(0, sweepSize);
				const { replies, seconds } = await runJobs(cards, concurrency, (card) =>
					postCheckIn(agent, target, sweepEvents[i]!, card)
				);
				agent.destroy();
				sweep.push({ concurrency, ...burstFigures(replies, seconds) });
			}
			const best = sweep.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
			const concurrency = best.concurrency;

			const log = new DeliveryLog();
			const room = `event:${watchedEvent}`;
			const crowd = await connectWatchers(server.url, room, watchers, log);

			const agent = keepAliveAgent(concurrency);
			const health = await runJobs(Array.from({ length: baselineSize }), concurrency, () =>
				request(agent, `${server.url}/api/v1/health`)
			);
			const baselineErrors = health.replies.filter((r) => r.status !== 200).length;
			const baseline = Math.round(baselineSize / health.seconds);

			await server.resetMetrics();
			log.reset();
			const burst = await runJobs(seed.cards, concurrency, (card) =>
				postCheckIn(agent, target, watchedEvent, card)
			);
			const figures = burstFigures(burst.replies, burst.seconds);
			const expected = crowd.joined * figures.ok;
			const settleStarted = Date.now();
			await log.settle(expected);
			const settleSeconds = (Date.now() - settleStarted) / 1000;
			const metrics = await server.metrics();
			const delivery = log.latency();
			const completion = log.completion();
			agent.destroy();
			crowd.close();

			// The price of durability (docs/durability.md): the same unwatched check-ins on a server
			// running SQLite at synchronous=NORMAL, which survives a crash but not a power cut.
			const normal = await unwatchedRate(port + 5, sweepSize, concurrency, {
				SQLITE_SYNCHRONOUS: 'NORMAL'
			});

			const share = expected > 0 ? log.delivered / expected : 0;
			const ratio = figures.perSecond / baseline;
			const rows: Row[] = [
				{
					label: 'members checked in',
					value: figures.ok,
					target: `= ${members}`,
					met: figures.ok === members
				},
				{
					label: 'watchers in the event room',
					value: crowd.joined,
					target: `= ${watchers}`,
					met: crowd.joined === watchers
				},
				{ label: 'concurrency (best of 16/32/64)', value: concurrency },
				{
					label: 'check-ins/s',
					value: figures.perSecond,
					unit: '/s',
					target: '≥ 1000',
					met: figures.perSecond >= 1000
				},
				{ label: 'check-in p50', value: figures.latency.p50, unit: 'ms' },
				{
					label: 'check-in p99',
					value: figures.latency.p99,
					unit: 'ms',
					target: '≤ 100',
					met: figures.latency.p99 <= 100
				},
				{ label: 'errors', value: figures.errors, target: '0', met: figures.errors === 0 },
				{
					label: 'broadcasts delivered',
					value: `${(share * 100).toFixed(2)}% of ${expected.toLocaleString('en-US')}`,
					target: '100%',
					met: log.delivered === expected && expected > 0
				},
				{ label: 'delivery p50 (row written → client)', value: delivery.p50, unit: 'ms' },
				{
					label: 'delivery p99 (row written → client)',
					value: delivery.p99,
					unit: 'ms',
					target: '≤ 250',
					met: delivery.p99 <= 250
				},
				{
					label: 'server RSS (peak)',
					value: metrics.peakRssMb,
					unit: 'MB',
					target: '≤ 400',
					met: metrics.peakRssMb <= 400
				},
				{ label: 'server event-loop delay p50', value: metrics.eventLoopDelayMs.p50, unit: 'ms' },
				{ label: 'server event-loop delay p99', value: metrics.eventLoopDelayMs.p99, unit: 'ms' },
				{ label: 'server event-loop delay max', value: metrics.eventLoopDelayMs.max, unit: 'ms' },
				{ label: 'baseline: GET /api/v1/health', value: baseline, unit: 'req/s' },
				{
					label: 'check-ins/s ÷ baseline',
					value: Math.round(ratio * 100) / 100,
					target: '≥ 0.5',
					met: ratio >= 0.5
				},
				{ label: 'check-ins/s, nobody watching', value: best.perSecond, unit: '/s' },
				{
					label: 'check-ins/s, nobody watching, synchronous=NORMAL',
					value: normal.perSecond,
					unit: '/s'
				}
			];
			return {
				name: 'checkin',
				title: checkin.title,
				rows,
				details: {
					members,
					watchers,
					attendanceMode: seed.attendanceMode,
					attendanceRule: seed.attendanceRule,
					seedSeconds: seed.seconds,
					concurrency,
					sweep,
					burst: figures,
					baseline: {
						requests: baselineSize,
						errors: baselineErrors,
						seconds: health.seconds,
						perSecond: baseline,
						latency: summarize(health.replies.map((r) => r.ms).filter(Number.isFinite))
					},
					watchersConnect: {
						joined: crowd.joined,
						seconds: crowd.seconds,
						failures: crowd.failures
					},
					delivery: {
						expected,
						delivered: log.delivered,
						share,
						latencyMs: delivery,
						/** Per check-in: from its row until the last watcher had it. */
						lastWatcherMs: completion,
						settleSeconds
					},
					server: metrics,
					synchronousNormal: normal
				}
			};
		} finally {
			await server.stop();
			cleanup();
		}
	}
};

export default checkin;
