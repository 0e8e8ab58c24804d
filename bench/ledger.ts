/**
 * Benchmark 3 of issue 8: the ledger at county scale — 100,000 households, 5,000,000 entries
 * (quick: 10,000 / 500,000). See bench/ledger-build.ts for the county it builds (cached under the
 * temp dir by size, migrations and generator, so repeated runs reuse it) and
 * bench/ledger-inprocess.ts for the in-process half (the real getStatement and getHonourRoll, and
 * EXPLAIN QUERY PLAN of every query on the statement, household page, balance and honour paths).
 *
 * Over HTTP against the production server on that database: the household statement page
 * (/household/statement, server-rendered), each request by the household's own head with a
 * session cookie, over random households; baseline /api/v1/health on the same server in the same
 * run. Then `ledger:verify` (scripts/ledger-verify.ts) over everything, with the server stopped.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Benchmark } from './lib/benchmark';
import { keepAliveAgent, request, runJobs, type Reply } from './lib/http';
import type { Row } from './lib/report';
import { ROOT, startServer } from './lib/server';
import { summarize, type Summary } from './lib/stats';

const TARGET = { pageP99: 50, queryP99: 5, honourP99: 50, verifySeconds: 60 };

/** Runs `node --import tsx <script>` on `database`; resolves with its stdout and exit code. */
function runScript(
	script: string,
	args: string[],
	database: string,
	echo: boolean
): Promise<{ code: number; stdout: string; seconds: number }> {
	const started = process.hrtime.bigint();
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
			cwd: ROOT,
			env: { ...process.env, DATABASE_URL: database },
			stdio: ['ignore', 'pipe', 'inherit']
		});
		let stdout = '';
		child.stdout.on('data', (c: Buffer) => {
			stdout += c.toString();
			if (echo) process.stdout.write(c);
		});
		child.on('error', reject);
		child.on('exit', (code) =>
			resolve({
				code: code ?? 1,
				stdout,
				seconds: Number(process.hrtime.bigint() - started) / 1e9
			})
		);
	});
}

/**
 * The county database for this size, built once and kept under the temp dir. The key covers the
 * migrations and the generator, so a new migration or a changed generator builds afresh.
 */
async function countyDatabase(
	households: number,
	entries: number
): Promise<{ file: string; buildSeconds: number; reused: boolean }> {
	const key = createHash('sha256')
		.update(readFileSync(join(ROOT, 'drizzle/meta/_journal.json')))
		.update(readFileSync(join(ROOT, 'bench/ledger-build.ts')))
		.digest('hex')
		.slice(0, 12);
	const dir = join(tmpdir(), 'jishan-bench-ledger');
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `county-${households}-${entries}-${key}.db`);
	const meta = `${file}.json`;
	if (existsSync(file) && existsSync(meta)) {
		const { buildSeconds } = JSON.parse(readFileSync(meta, 'utf8')) as { buildSeconds: number };
		console.log(`reusing ${file} (built in ${buildSeconds.toFixed(1)} s)`);
		return { file, buildSeconds, reused: true };
	}
	const building = `${file}.building`;
	for (const f of [building, `${building}-wal`, `${building}-shm`]) rmSync(f, { force: true });
	console.log(`building ${households} households, ${entries} entries → ${file}`);
	const build = await runScript(
		'bench/ledger-build.ts',
		['--households', String(households), '--entries', String(entries)],
		building,
		true
	);
	if (build.code !== 0) throw new Error(`bench/ledger-build.ts exited with ${build.code}`);
	renameSync(building, file);
	writeFileSync(meta, JSON.stringify({ buildSeconds: build.seconds, households, entries }));
	console.log(`built in ${build.seconds.toFixed(1)} s`);
	return { file, buildSeconds: build.seconds, reused: false };
}

type InProcess = {
	statement: Summary;
	statementMeanEntries: number;
	statementHouseholds: number;
	honourMonth: Summary;
	honourMonthMeanRanked: number;
	honourYear: Summary;
	plaque: Summary;
	countyMonthRollsMs: number;
	rollsAsOf: { month: string; year: string };
	villages: number;
	plans: { path: string; sql: string; plan: string[]; verdict: string }[];
};

/** Sessions for the heads of `households` (any previous benchmark sessions are removed). */
function signIn(file: string, households: number[]): Map<number, string> {
	const db = new Database(file);
	db.pragma('busy_timeout = 5000');
	const tokens = new Map<number, string>();
	const headUser = db.prepare(
		`SELECT u.id FROM users u JOIN households h ON h.head_member_id = u.member_id WHERE h.id = ?`
	);
	const insert = db.prepare(
		`INSERT INTO sessions (id, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)`
	);
	const now = Date.now();
	db.transaction(() => {
		db.prepare(`DELETE FROM sessions`).run();
		for (const h of households) {
			if (tokens.has(h)) continue;
			const user = headUser.get(h) as { id: number } | undefined;
			if (!user) throw new Error(`household ${h} has no account`);
			const token = `ledgerbench${h}x${now.toString(36)}`;
			// The app stores the SHA-256 (hex) of the cookie's token (auth/session.ts hashToken).
			const id = createHash('sha256').update(token).digest('hex');
			insert.run(id, user.id, now + 30 * 86_400_000, now);
			tokens.set(h, token);
		}
	})();
	db.close();
	return tokens;
}

function villageCodes(file: string): string[] {
	const db = new Database(file, { readonly: true });
	const codes = (db.prepare(`SELECT code FROM villages`).all() as { code: string }[]).map(
		(r) => r.code
	);
	db.close();
	return codes;
}

function latencies(replies: { status: number; ms: number }[], ok = 200) {
	const errors = replies.filter((r) => r.status !== ok).length;
	return { summary: summarize(replies.filter((r) => r.status === ok).map((r) => r.ms)), errors };
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

const ledger: Benchmark = {
	name: 'ledger',
	title: 'Ledger at county scale (issue 8 · 3)',
	async run({ quick, port }) {
		const households = quick ? 10_000 : 100_000;
		const entries = quick ? 500_000 : 5_000_000;
		const pageRequests = 2_000;
		const { file, buildSeconds, reused } = await countyDatabase(households, entries);

		// 1. In-process: the statement query alone, the honour roll, and the query plans.
		const ip = await runScript(
			'bench/ledger-inprocess.ts',
			['--statements', quick ? '2000' : '5000', '--rolls', quick ? '100' : '200'],
			file,
			false
		);
		if (ip.code !== 0) throw new Error(`bench/ledger-inprocess.ts exited with ${ip.code}`);
		const q = JSON.parse(ip.stdout.trim().split('\n').at(-1)!) as InProcess;

		// 2. Over HTTP: the statement page by each household's own head, against health.
		let seed = 7;
		const random = () => {
			seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
			return seed / 4294967296;
		};
		const sample = Array.from(
			{ length: pageRequests },
			() => 1 + Math.floor(random() * households)
		);
		const warm = Array.from({ length: 200 }, () => 1 + Math.floor(random() * households));
		const tokens = signIn(file, [...sample, ...warm]);
		const codes = villageCodes(file);
		const server = await startServer({
			database: file,
			port,
			verbose: process.env.BENCH_VERBOSE === '1'
		});
		const agent = keepAliveAgent(8);
		const page = (h: number, path = '/household/statement'): Promise<Reply> =>
			request(agent, `${server.url}${path}`, { headers: { cookie: `session=${tokens.get(h)}` } });
		const health = () => request(agent, `${server.url}/api/v1/health`);
		let http: Record<string, unknown>;
		let pageRun: ReturnType<typeof latencies>;
		let healthRun: ReturnType<typeof latencies>;
		try {
			await runJobs(warm, 1, (h) => page(h));
			await runJobs(warm, 1, () => health());
			await server.resetMetrics();
			healthRun = latencies((await runJobs(sample, 1, () => health())).replies);
			const pages = await runJobs(sample, 1, (h) => page(h));
			pageRun = latencies(pages.replies);
			const metrics = await server.metrics();
			// A page that rendered the household's own statement, not a login page or an error.
			const first = pages.replies[0]!;
			const rendered = first.status === 200 && /balance|余额|积分/.test(first.body);
			const household = latencies(
				(await runJobs(sample.slice(0, 500), 1, (h) => page(h, '/household'))).replies
			);
			const honour = latencies(
				(
					await runJobs(
						Array.from({ length: 200 }, (_, i) => codes[i % codes.length]!),
						1,
						(code) => request(agent, `${server.url}/honour?village=${code}`)
					)
				).replies
			);
			const loaded = await runJobs(sample, 8, (h) => page(h));
			http = {
				concurrency: 1,
				statementPage: pageRun.summary,
				statementPageErrors: pageRun.errors,
				statementPageBytes: first.body.length,
				statementPageRendered: rendered,
				health: healthRun.summary,
				healthErrors: healthRun.errors,
				householdPage: household.summary,
				householdPageErrors: household.errors,
				honourPage: honour.summary,
				honourPageErrors: honour.errors,
				statementPageAt8: {
					...latencies(loaded.replies).summary,
					errors: latencies(loaded.replies).errors,
					perSecond: Math.round(sample.length / loaded.seconds)
				},
				serverDuringStatementPages: metrics
			};
		} finally {
			agent.destroy();
			await server.stop();
		}

		// 3. ledger:verify over everything (the real script), the server stopped.
		const verify = await runScript('scripts/ledger-verify.ts', [], file, false);
		const verified = /Ledger verified: (\d+)/.exec(verify.stdout);

		const size =
			statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
		const rows: Row[] = [
			{
				label: 'households / entries',
				value: `${households.toLocaleString('en-US')} / ${entries.toLocaleString('en-US')}`
			},
			{ label: 'database file', value: mb(size), unit: 'MB' },
			{
				label: `database build${reused ? ' (cached, earlier run)' : ''}`,
				value: Math.round(buildSeconds),
				unit: 's'
			},
			{ label: 'baseline: /api/v1/health p50', value: healthRun.summary.p50, unit: 'ms' },
			{ label: 'baseline: /api/v1/health p99', value: healthRun.summary.p99, unit: 'ms' },
			{ label: 'statement page p50', value: pageRun.summary.p50, unit: 'ms' },
			{
				label: 'statement page p99',
				value: pageRun.summary.p99,
				unit: 'ms',
				target: `≤ ${TARGET.pageP99}`,
				met: pageRun.summary.p99 <= TARGET.pageP99
			},
			{
				label: 'statement page errors',
				value: pageRun.errors,
				target: '0',
				met: pageRun.errors === 0
			},
			{ label: 'statement query (in-process) p50', value: q.statement.p50, unit: 'ms' },
			{
				label: 'statement query (in-process) p99',
				value: q.statement.p99,
				unit: 'ms',
				target: `≤ ${TARGET.queryP99}`,
				met: q.statement.p99 <= TARGET.queryP99
			},
			{ label: 'honour roll, whole month, village p50', value: q.honourMonth.p50, unit: 'ms' },
			{
				label: 'honour roll, whole month, village p99',
				value: q.honourMonth.p99,
				unit: 'ms',
				target: `≤ ${TARGET.honourP99}`,
				met: q.honourMonth.p99 <= TARGET.honourP99
			},
			{
				label: `honour roll, month, all ${q.villages} villages`,
				value: q.countyMonthRollsMs,
				unit: 'ms'
			},
			{ label: 'honour roll, whole year, village p99', value: q.honourYear.p99, unit: 'ms' },
			{ label: 'door plaque (year standing) p99', value: q.plaque.p99, unit: 'ms' },
			{
				label: `ledger:verify (${verified ? Number(verified[1]).toLocaleString('en-US') : '?'} entries)`,
				value: Math.round(verify.seconds * 10) / 10,
				unit: 's',
				target: `≤ ${TARGET.verifySeconds}, exit 0`,
				met: verify.code === 0 && verify.seconds <= TARGET.verifySeconds
			}
		];
		return {
			name: 'ledger',
			title: `Ledger at county scale: ${households.toLocaleString('en-US')} households, ${entries.toLocaleString('en-US')} entries`,
			rows,
			details: {
				database: { file, bytes: size, buildSeconds, reused },
				county:
					'10 towns × 20 villages (quick: 2 × 10), 500 households per village in groups of 10, ~3 members each; entries over 3 years in time order across the county (see bench/ledger-build.ts)',
				http,
				inProcess: {
					statement: q.statement,
					statementMeanEntries: q.statementMeanEntries,
					statementHouseholds: q.statementHouseholds,
					honourMonth: q.honourMonth,
					honourMonthMeanRanked: q.honourMonthMeanRanked,
					honourYear: q.honourYear,
					plaque: q.plaque,
					countyMonthRollsMs: q.countyMonthRollsMs,
					rollsAsOf: q.rollsAsOf
				},
				verify: {
					seconds: verify.seconds,
					exitCode: verify.code,
					output: verify.stdout.split('\n').at(-2)
				},
				queryPlans: q.plans
			}
		};
	}
};

export default ledger;
