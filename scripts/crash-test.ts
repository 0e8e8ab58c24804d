/**
 * `npm run test:crash`: crash safety of the production server. Seeds a village through the real
 * services, starts `node server.js` on it, drives a mixed write load over the HTTP API
 * (check-ins that credit points, deposit slips, shop orders and their hand-overs, new events)
 * from several clients, and SIGKILLs the server at random moments. After each kill the server is
 * restarted on the same file and the test checks:
 *
 * - `PRAGMA integrity_check` is ok and the ledger verifies (hash chain and balances);
 * - the invariants: balance = sum of entries, stock = sum of movements and ≥ 0, no more points
 *   held by open orders than the balance, one check-in per member and event, one ledger entry
 *   per source, hand-overs and their redeem entries agree;
 * - every write a client saw acknowledged (2xx with an id) is there with that id;
 * - the writes in flight at the kill, retried with the same Idempotency-Key, act at most once,
 *   and a second retry replays the stored response.
 *
 *   npm run test:crash                      # 100 kills
 *   npm run test:crash -- --kills 10        # the short form run by `npm test`
 *   npm run test:crash -- --seed 7 --keep   # another sequence; keep the database afterwards
 *
 * Exits 0 when everything held, 1 with the reason at the first failure (the database is kept
 * and its path printed). Needs a production build (build/), like `npm start`.
 */
import { spawnSync } from 'node:child_process';
import type http from 'node:http';
import { parseArgs } from 'node:util';
import { keepAliveAgent } from '../bench/lib/http';
import { ROOT, tempDatabase } from '../bench/lib/server';
import { mulberry32 } from '../src/lib/server/demo/prng';
import { checkDatabase } from './crash-test/checks';
import { newLoadState, record, runClients, send, type Op } from './crash-test/load';
import type { CrashWorld } from './crash-test/seed';
import { killServer, startCrashServer, type CrashServer } from './crash-test/server';

const { values: args } = parseArgs({
	options: {
		kills: { type: 'string', default: '100' },
		seed: { type: 'string', default: '1' },
		clients: { type: 'string', default: '6' },
		port: { type: 'string', default: '4350' },
		/** The load runs this long (a random time between the two, ms) before each kill. */
		'min-ms': { type: 'string', default: '150' },
		'max-ms': { type: 'string', default: '1500' },
		keep: { type: 'boolean', default: false }
	},
	strict: true
});
const kills = Number(args.kills);
const seed = Number(args.seed);
const clients = Number(args.clients);
const port = Number(args.port);
const minMs = Number(args['min-ms']);
const maxMs = Number(args['max-ms']);
for (const [name, v] of Object.entries({ kills, seed, clients, port, minMs, maxMs })) {
	if (!Number.isSafeInteger(v) || v < 0) {
		console.error(`--${name} must be a whole number`);
		process.exit(2);
	}
}

const started = Date.now();
const { database, cleanup } = tempDatabase('jishan-crash-');
const tally = {
	kills: 0,
	refused: 0,
	lost: 0,
	retries: 0,
	retriedActed: 0,
	retriedReplayed: 0,
	retriedConflict: 0,
	retriedRefused: 0,
	checks: 0
};
/** Refusals by kind and error code: the load's expected "no" answers (e.g. out of stock). */
const refusals = new Map<string, number>();

function fail(reason: string, server?: CrashServer): never {
	if (server) server.child.kill('SIGKILL');
	console.error(`\n✘ crash test FAILED after ${tally.kills} kills: ${reason}`);
	if (server) console.error(`server output (last lines):\n${server.output()}`);
	console.error(`database kept for inspection: ${database}`);
	process.exit(1);
}

function seedWorld(): CrashWorld {
	const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/crash-test/seed.ts'], {
		cwd: ROOT,
		env: { ...process.env, DATABASE_URL: database, SEED_DEMO: 'false' },
		encoding: 'utf8'
	});
	if (run.status !== 0) fail(`seeding failed:\n${run.stderr}`);
	return JSON.parse(run.stdout) as CrashWorld;
}

async function verifyLedgerOverHttp(
	server: CrashServer,
	world: CrashWorld
): Promise<string | null> {
	const res = await fetch(`${server.url}/api/v1/villages/${world.villageId}/ledger/verify`, {
		headers: { authorization: `Bearer ${world.committeeToken}` }
	});
	const body = (await res.json()) as { ok?: boolean; mismatch?: unknown };
	if (res.status !== 200 || body.ok !== true) {
		return `ledger verify: ${res.status} ${JSON.stringify(body)}`;
	}
	return null;
}

/**
 * Retries the writes whose reply was lost, with the same key and body, on the restarted
 * server. A 409 (idempotency_acted) is a request that committed before the kill but whose
 * answer was lost: the key was marked in the same commit, so it does not run again. Those answered 2xx are sent once more and must be replayed unchanged.
 */
async function retryLost(
	lost: Op[],
	agent: http.Agent,
	server: CrashServer,
	state: ReturnType<typeof newLoadState>
) {
	const replies = await Promise.all(lost.map((op) => send(agent, server.url, op)));
	for (const [i, op] of lost.entries()) {
		const reply = replies[i]!;
		tally.retries++;
		if (reply === null) fail(`retry of ${op.kind} ${op.nonce} got no reply`, server);
		if (reply.status === 409) tally.retriedConflict++;
		else if (reply.status >= 200 && reply.status < 300) {
			if (reply.replayed) tally.retriedReplayed++;
			else tally.retriedActed++;
		} else if (reply.status < 500) tally.retriedRefused++;
		record(state, op, reply);
	}
	const answered = lost.filter((op) => op.state === 'acked');
	const again = await Promise.all(answered.map((op) => send(agent, server.url, op)));
	for (const [i, op] of answered.entries()) {
		const reply = again[i]!;
		if (
			reply === null ||
			!reply.replayed ||
			reply.status !== op.status ||
			reply.body !== op.replyBody
		) {
			fail(
				`a second retry of ${op.kind} ${op.nonce} was not replayed unchanged: ${JSON.stringify(reply)}`,
				server
			);
		}
	}
}

async function main() {
	const world = seedWorld();
	const state = newLoadState(world, seed);
	const rng = mulberry32(seed);
	let server = await startCrashServer({ root: ROOT, database, port });
	/** Retried requests that had committed while their key stayed "in progress" (see below). */
	const stranded = new Map<string, Op>();

	for (let cycle = 1; cycle <= kills; cycle++) {
		const first = state.ops.length;
		const agent = keepAliveAgent(clients);
		const load = runClients(state, { agent, url: server.url, clients, cycle });
		await new Promise((r) => setTimeout(r, rng.int(minMs, maxMs)));
		await killServer(server);
		load.stop();
		await load.done;
		agent.destroy();
		tally.kills++;

		server = await startCrashServer({ root: ROOT, database, port });
		const ops = state.ops.slice(first);
		const lost = ops.filter((op) => op.state === 'lost');
		tally.lost += lost.length;
		for (const op of ops.filter((o) => o.state === 'refused')) {
			tally.refused++;
			const code = (JSON.parse(op.replyBody) as { error?: { code?: string } }).error?.code;
			refusals.set(`${op.kind} ${code}`, (refusals.get(`${op.kind} ${code}`) ?? 0) + 1);
		}
		const retryAgent = keepAliveAgent(clients);
		await retryLost(lost, retryAgent, server, state);
		retryAgent.destroy();

		if (state.serverErrors.length > 0) {
			const op = state.serverErrors[0]!;
			fail(`${op.kind} ${op.nonce} got ${op.status}: ${op.replyBody}`, server);
		}
		const report = checkDatabase(database, state.acked, lost);
		tally.checks += report.ackedChecked;
		const ledger = await verifyLedgerOverHttp(server, world);
		if (ledger) report.problems.push(ledger);
		for (const op of report.strandedAfterCommit) stranded.set(op.nonce, op);
		if (report.problems.length > 0) {
			fail(`after kill ${cycle}:\n  ${report.problems.slice(0, 10).join('\n  ')}`, server);
		}
		process.stdout.write(
			`kill ${cycle}/${kills}: ${ops.length} writes in the run, ${lost.length} in flight retried; ${state.acked.length} acknowledged writes present\n`
		);
	}

	// A key whose request committed but whose response was never stored stays "in progress";
	// after 60 s the reservation counts as stale and the same key runs the request again. Show
	// what that does to a client retrying late, as a phone that was offline would.
	let actedTwice = 0;
	if (stranded.size > 0) {
		console.log(
			`\n${stranded.size} retried requests committed but their Idempotency-Key stayed "in progress"; retrying them once the reservation is stale (61 s)…`
		);
		await new Promise((r) => setTimeout(r, 61_000));
		const late = [...stranded.values()];
		const agent = keepAliveAgent(clients);
		await Promise.all(late.map((op) => send(agent, server.url, op)));
		agent.destroy();
		actedTwice = checkDatabase(database, [], late).problems.filter((p) =>
			p.includes('acted')
		).length;
	}

	await killServer(server, 'SIGTERM');
	// The whole ledger once more, through the operator's command.
	const verify = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ledger-verify.ts'], {
		cwd: ROOT,
		env: { ...process.env, DATABASE_URL: database },
		encoding: 'utf8'
	});
	if (verify.status !== 0) fail(`npm run ledger:verify failed:\n${verify.stdout}${verify.stderr}`);

	const seconds = Math.round((Date.now() - started) / 100) / 10;
	const byKind = new Map<string, number>();
	for (const a of state.acked) byKind.set(a.kind, (byKind.get(a.kind) ?? 0) + 1);
	const kinds = [...byKind].map(([k, n]) => `${k} ${n}`).join(', ');
	const codes = [...refusals].map(([k, n]) => `${k} ×${n}`).join(', ');
	console.log(`\ncrash test (seed ${seed}, ${clients} clients):`);
	console.log(`  kills (SIGKILL + restart)       ${tally.kills}`);
	console.log(
		`  acknowledged writes             ${state.acked.length} (${kinds}); all present after every restart (${tally.checks} look-ups)`
	);
	console.log(`  refused (4xx)                   ${tally.refused}${codes ? ` (${codes})` : ''}`);
	console.log(
		`  in flight at a kill, retried    ${tally.retries}: ${tally.retriedActed} ran now, ${tally.retriedReplayed} replayed, ${tally.retriedConflict} 409 (done before the kill, its answer lost), ${tally.retriedRefused} refused`
	);
	console.log(
		`  committed, key left in progress ${stranded.size}${stranded.size > 0 ? ` (retried after 61 s: ${actedTwice} acted twice)` : ''}`
	);
	console.log(`  time                            ${seconds} s`);
	if (stranded.size > 0) {
		fail(
			`${stranded.size} requests committed while their Idempotency-Key stayed "in progress" (src/lib/server/api/idempotency.ts stores the response in a later transaction than the write); retried once the reservation was stale, ${actedTwice} of them acted twice — e.g. ${[
				...stranded.values()
			]
				.slice(0, 5)
				.map((op) => `${op.kind} ${op.nonce}`)
				.join(', ')}`
		);
	}
	console.log('✔ crash test passed');
	if (args.keep) console.log(`database kept: ${database}`);
	else cleanup();
}

await main();
