/**
 * 4. Redemption race: many households order the last few units of a few items at the same moment,
 * over the real HTTP API (bearer tokens, Idempotency-Key), against the production server. Reports
 * orders/s and latency beside GET /api/v1/health sent in the same shape (same count, all at once)
 * in the same run, the refusals by error code, and the invariants read from the database file
 * afterwards. A sample of keys is sent again — some while the first request is still running,
 * some after — to show a key never acts twice.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Benchmark, BenchOptions } from './lib/benchmark';
import { keepAliveAgent, request, runJobs, type Reply } from './lib/http';
import type { BenchResult, Row } from './lib/report';
import { ROOT, startServer, tempDatabase } from './lib/server';
import { summarize } from './lib/stats';
import { checkRedemptionInvariants } from './redemption-invariants';
import type { SeedConfig, SeedFixture } from './redemption-seed';

type Sizes = { households: number; orders: number; twins: number; replays: number };

const FULL: Sizes = { households: 50, orders: 200, twins: 10, replays: 40 };
const QUICK: Sizes = { households: 15, orders: 60, twins: 5, replays: 12 };

/**
 * 5 items × 3 units at 300 points, at most 1 a month per household. Points: four households in
 * five get 900 (the village threshold is 600 spendable, so two orders each at most: the second
 * leaves 300), the fifth 450 (under the threshold: refused whatever the stock).
 */
const SEED: Omit<SeedConfig, 'households'> = {
	items: 5,
	stock: 3,
	price: 300,
	monthlyLimit: 1,
	points: [900, 900, 900, 900, 450]
};

type Order = {
	index: number;
	household: SeedFixture['households'][number];
	itemId: number;
	key: string;
	body: string;
};

/** A small seeded PRNG (mulberry32): the same orders every run. */
function prng(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function seedFixture(database: string, config: SeedConfig): SeedFixture {
	const dir = mkdtempSync(join(tmpdir(), 'jishan-bench-seed-'));
	try {
		const out = join(dir, 'fixture.json');
		const run = spawnSync(
			process.execPath,
			['--import', 'tsx', 'bench/redemption-seed.ts', JSON.stringify(config), out],
			{ cwd: ROOT, env: { ...process.env, DATABASE_URL: database }, encoding: 'utf8' }
		);
		if (run.status !== 0) throw new Error(`redemption-seed failed:\n${run.stdout}\n${run.stderr}`);
		return JSON.parse(readFileSync(out, 'utf8')) as SeedFixture;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

function errorCode(reply: Reply | { status: number; body: string }): string {
	if (reply.status === 0) return 'network error';
	try {
		const body = JSON.parse(reply.body) as { error?: { code?: string } };
		return body.error?.code ?? `HTTP ${reply.status}`;
	} catch {
		return `HTTP ${reply.status}`;
	}
}

const rate = (n: number, seconds: number) => Math.round(n / seconds);
const holds = (ok: boolean, wrong: string) => (ok ? 'holds' : wrong);

async function run({ quick, port }: BenchOptions): Promise<BenchResult> {
	const sizes = quick ? QUICK : FULL;
	const { database, cleanup } = tempDatabase('jishan-bench-redemption-');
	const server = await startServer({ database, port });
	let stopped = false;
	try {
		const fixture = seedFixture(database, { ...SEED, households: sizes.households });
		const concurrency = sizes.orders + sizes.twins;
		const agent = keepAliveAgent(concurrency);
		const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
		const post = (order: Order) =>
			request(agent, `${server.url}/api/v1/shop/orders`, {
				method: 'POST',
				headers: {
					...bearer(order.household.token),
					'content-type': 'application/json',
					'idempotency-key': order.key
				},
				body: order.body
			});

		// The orders: household k mod H, a random item each; so every household sends orders/H.
		const random = prng(20260808);
		const orders: Order[] = Array.from({ length: sizes.orders }, (_, index) => {
			const household = fixture.households[index % fixture.households.length]!;
			const itemId = fixture.items[Math.floor(random() * fixture.items.length)]!.id;
			const body = JSON.stringify({ lines: [{ itemId, quantity: 1 }] });
			return { index, household, itemId, key: `bench-${randomUUID()}`, body };
		});
		for (let i = orders.length - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1));
			[orders[i], orders[j]] = [orders[j]!, orders[i]!];
		}

		// Warm-up (not measured): every household's token once, and refused orders for an item
		// that doesn't exist — the same path (bearer, idempotency reservation, IMMEDIATE
		// transaction, refusal) without touching stock or points.
		await runJobs(fixture.households, 50, (h) =>
			request(agent, `${server.url}/api/v1/me`, { headers: bearer(h.token) })
		);
		await runJobs(fixture.households, 50, (h) =>
			post({
				index: -1,
				household: h,
				itemId: 0,
				key: `warmup-${randomUUID()}`,
				body: JSON.stringify({ lines: [{ itemId: 999_999_999, quantity: 1 }] })
			})
		);
		await runJobs(Array.from({ length: 200 }), 50, () =>
			request(agent, `${server.url}/api/v1/health`)
		);

		// Baselines: the same number of requests, all at once.
		const health = await runJobs(Array.from({ length: sizes.orders }), sizes.orders, () =>
			request(agent, `${server.url}/api/v1/health`)
		);
		const me = await runJobs(orders, sizes.orders, (o) =>
			request(agent, `${server.url}/api/v1/me`, { headers: bearer(o.household.token) })
		);

		// The race: every order at once; `twins` of them sent twice, the copy right beside the
		// first (same key, same body) while it is still in flight.
		const twinOf = new Set(orders.slice(0, sizes.twins).map((o) => o.index));
		const jobs: { order: Order; twin: boolean }[] = [];
		for (const order of orders) {
			jobs.push({ order, twin: false });
			if (twinOf.has(order.index)) jobs.push({ order, twin: true });
		}
		await server.resetMetrics();
		const race = await runJobs(jobs, concurrency, (job) => post(job.order));
		const serverMetrics = await server.metrics();

		const first = new Map<number, Reply | { status: 0; body: string; ms: number }>();
		const twins: { order: Order; reply: { status: number; body: string } }[] = [];
		jobs.forEach((job, i) => {
			if (job.twin) twins.push({ order: job.order, reply: race.replies[i]! });
			else first.set(job.order.index, race.replies[i]!);
		});
		const firstReplies = orders.map((o) => first.get(o.index)!);
		const orderLatency = summarize(firstReplies.map((r) => r.ms).filter(Number.isFinite));
		const accepted = orders.filter((o) => first.get(o.index)!.status === 201);
		const refusedBy = new Map<string, number>();
		for (const reply of firstReplies) {
			if (reply.status === 201) continue;
			refusedBy.set(errorCode(reply), (refusedBy.get(errorCode(reply)) ?? 0) + 1);
		}
		const broken = [...race.replies].filter((r) => r.status === 0 || r.status >= 500).length;

		// A twin either got the first answer back (it arrived after the first finished) or was told
		// the key is still in progress (409 conflict); either way it must not be a second order.
		let twinsReplayed = 0;
		let twinsInProgress = 0;
		let twinsOther = 0;
		for (const { order, reply } of twins) {
			const original = first.get(order.index)!;
			if (reply.status === original.status && reply.body === original.body) twinsReplayed++;
			else if (reply.status === 409 && errorCode(reply) === 'conflict') twinsInProgress++;
			else twinsOther++;
		}

		// Replays after the race: each sampled key twice at once; both must return the stored
		// answer byte for byte.
		const acceptedSample = accepted.slice(0, Math.floor(sizes.replays / 2));
		const refusedSample = orders
			.filter((o) => first.get(o.index)!.status !== 201)
			.slice(0, sizes.replays - acceptedSample.length);
		const sample = [...acceptedSample, ...refusedSample];
		const replayJobs = [...sample, ...sample];
		const replays = await runJobs(replayJobs, replayJobs.length, (o) => post(o));
		const replaysIdentical = replayJobs.filter((o, i) => {
			const original = first.get(o.index)!;
			const reply = replays.replies[i]!;
			return reply.status === original.status && reply.body === original.body;
		}).length;

		// The shopkeeper hands every accepted order over: the redeem entries are posted now.
		const acceptedIds = accepted.map(
			(o) => (JSON.parse(first.get(o.index)!.body) as { id: number }).id
		);
		const handOver = await runJobs(acceptedIds, Math.max(1, acceptedIds.length), (id) =>
			request(agent, `${server.url}/api/v1/shop/orders/${id}/hand-over`, {
				method: 'POST',
				headers: bearer(fixture.shopkeeperToken)
			})
		);
		const handedOverOk = handOver.replies.filter((r) => r.status === 200).length;
		agent.destroy();

		await server.stop();
		stopped = true;
		const stocked = new Map(fixture.items.map((i) => [i.id, i.stock]));
		const inv = checkRedemptionInvariants(database, {
			itemIds: fixture.items.map((i) => i.id),
			householdIds: fixture.households.map((h) => h.id),
			stocked
		});

		const acceptedPerItem = new Map<number, number>();
		for (const o of accepted)
			acceptedPerItem.set(o.itemId, (acceptedPerItem.get(o.itemId) ?? 0) + 1);
		const overSoldHttp = fixture.items.filter((i) => (acceptedPerItem.get(i.id) ?? 0) > i.stock);
		const overSoldDb = inv.sold.filter(
			(s) => s.sold > s.stocked || s.redemptionMovements !== s.sold
		);
		const unitsStocked = fixture.items.reduce((sum, i) => sum + i.stock, 0);
		const unitsSold = inv.sold.reduce((sum, s) => sum + s.sold, 0);

		const healthLatency = summarize(health.replies.map((r) => r.ms).filter(Number.isFinite));
		const meLatency = summarize(me.replies.map((r) => r.ms).filter(Number.isFinite));
		const healthRate = rate(sizes.orders, health.seconds);
		const orderRate = rate(sizes.orders, race.seconds);
		const n = sizes.orders;
		const okAll = (b: boolean): Pick<Row, 'target' | 'met'> => ({ target: 'holds', met: b });

		const rows: Row[] = [
			{ label: `baseline: GET /api/v1/health, ${n} at once`, value: healthRate, unit: 'req/s' },
			{
				label: 'baseline: health p50 / p99',
				value: `${healthLatency.p50} / ${healthLatency.p99}`,
				unit: 'ms'
			},
			{
				label: `reference: GET /api/v1/me (bearer), ${n} at once`,
				value: rate(n, me.seconds),
				unit: 'req/s'
			},
			{
				label: 'reference: /me p50 / p99',
				value: `${meLatency.p50} / ${meLatency.p99}`,
				unit: 'ms'
			},
			{
				label: `orders, ${n} at once (${sizes.households} households; +${sizes.twins} in-flight twins)`,
				value: orderRate,
				unit: 'orders/s'
			},
			{ label: 'orders/s ÷ health req/s', value: Math.round((orderRate / healthRate) * 100) / 100 },
			{ label: 'order p50 / p99', value: `${orderLatency.p50} / ${orderLatency.p99}`, unit: 'ms' },
			{ label: 'accepted (201)', value: accepted.length },
			...[...refusedBy.entries()]
				.sort((a, b) => b[1] - a[1])
				.map(([code, count]) => ({ label: `refused: ${code}`, value: count })),
			{ label: 'errors (5xx or no answer)', value: broken, target: '0', met: broken === 0 },
			{ label: 'units sold / stocked (bench items)', value: `${unitsSold} / ${unitsStocked}` },
			{
				label: 'stock ≥ 0 and = Σ movements (every item)',
				value: holds(inv.stockMismatches.length === 0, `${inv.stockMismatches.length} items wrong`),
				...okAll(inv.stockMismatches.length === 0)
			},
			{
				label: 'accepted per item ≤ its stock (HTTP and DB)',
				value: holds(
					overSoldHttp.length + overSoldDb.length === 0,
					`${overSoldHttp.length + overSoldDb.length} items oversold`
				),
				...okAll(overSoldHttp.length + overSoldDb.length === 0)
			},
			{
				label: 'spendable (balance − held) ≥ 0 (every household)',
				value: holds(
					inv.negativeSpendable.length === 0,
					`${inv.negativeSpendable.length} negative`
				),
				...okAll(inv.negativeSpendable.length === 0)
			},
			{
				label: 'orders in DB = keys answered 201 (none twice)',
				value: `${inv.benchOrders} = ${accepted.length}`,
				...okAll(inv.benchOrders === accepted.length && inv.liveOrders === accepted.length)
			},
			{
				label: `in-flight twins: replayed / 409 in progress / other`,
				value: `${twinsReplayed} / ${twinsInProgress} / ${twinsOther}`,
				...okAll(twinsOther === 0)
			},
			{
				label: `replays after (${sample.length} keys × 2 at once): identical`,
				value: `${replaysIdentical} / ${replayJobs.length}`,
				...okAll(replaysIdentical === replayJobs.length)
			},
			{
				label: 'handed over → redeem entries',
				value: `${handedOverOk} → ${inv.redeemEntries}`,
				...okAll(
					handedOverOk === accepted.length &&
						inv.handedOver === accepted.length &&
						inv.redeemEntries === accepted.length
				)
			},
			{
				label: 'ledger verifies (verifyLedger)',
				value: holds(inv.ledger.ok, 'FAILED'),
				...okAll(inv.ledger.ok)
			},
			{
				label: 'PRAGMA integrity_check',
				value: inv.integrityCheck,
				...okAll(inv.integrityCheck === 'ok')
			}
		];

		return {
			name: 'redemption',
			title: '4. Redemption race (积分超市: last units, concurrent orders)',
			rows,
			details: {
				sizes,
				seed: SEED,
				threshold: fixture.threshold,
				baseline: {
					health: { ...healthLatency, seconds: health.seconds },
					me: { ...meLatency, seconds: me.seconds }
				},
				race: {
					requests: jobs.length,
					seconds: race.seconds,
					latency: orderLatency,
					refusedBy: Object.fromEntries(refusedBy)
				},
				acceptedPerItem: Object.fromEntries(acceptedPerItem),
				serverMetrics,
				twins: {
					sent: twins.length,
					replayed: twinsReplayed,
					inProgress: twinsInProgress,
					other: twinsOther
				},
				replays: { sent: replayJobs.length, identical: replaysIdentical },
				handOver: {
					sent: acceptedIds.length,
					ok: handedOverOk,
					statuses: handOver.replies.map((r) => r.status)
				},
				invariants: inv
			}
		};
	} finally {
		if (!stopped) await server.stop();
		cleanup();
	}
}

const bench: Benchmark = {
	name: 'redemption',
	title: '4. Redemption race',
	run
};
export default bench;
