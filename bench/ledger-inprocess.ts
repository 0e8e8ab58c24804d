/**
 * The in-process half of bench/ledger.ts (a child process under tsx, so the app's modules open
 * DATABASE_URL and nothing else): times the real getStatement and getHonourRoll against the
 * county database, and collects the SQL those paths (and the household page's, the balance's and
 * the chain head's) actually run, with SQLite's EXPLAIN QUERY PLAN of each. Prints one JSON line.
 *
 *   DATABASE_URL=<county.db> node --import tsx bench/ledger-inprocess.ts --statements 5000 --rolls 200
 */
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { sessionUserColumns } from '$lib/server/auth/session';
import { loadViewer, type Viewer } from '$lib/server/auth/viewer';
import { db, sqlite } from '$lib/server/db';
import { users, villages } from '$lib/server/db/schema';
import { getHonourRoll } from '$lib/server/honour/get-honour-roll';
import { getPlaque } from '$lib/server/honour/get-plaque';
import { periodBounds } from '$lib/server/honour/period';
import { chainHead } from '$lib/server/ledger/chain-head';
import { earnedToDate } from '$lib/server/ledger/earned-to-date';
import { getStatement } from '$lib/server/ledger/get-statement';
import { getHousehold } from '$lib/server/people/get-household';
import { msSince, summarize } from './lib/stats';

const { values } = parseArgs({
	options: {
		statements: { type: 'string', default: '5000' },
		rolls: { type: 'string', default: '200' },
		seed: { type: 'string', default: '1' }
	}
});

let state = Number(values.seed) >>> 0;
/** A small seeded generator (xorshift) so the households sampled are the same each run. */
const random = () => {
	state ^= state << 13;
	state ^= state >>> 17;
	state ^= state << 5;
	return (state >>> 0) / 4294967296;
};

const householdCount = (
	sqlite.prepare('SELECT max(id) AS n FROM households').get() as { n: number }
).n;
const villageList = db.select({ id: villages.id, code: villages.code }).from(villages).all();

/** The household head's own account, as the app would load it for a signed-in request. */
function viewerOf(householdId: number): Viewer {
	const user = sqlite
		.prepare(
			`SELECT u.id FROM users u JOIN members m ON m.id = u.member_id WHERE m.household_id = ? LIMIT 1`
		)
		.get(householdId) as { id: number };
	const row = db.select(sessionUserColumns).from(users).where(eq(users.id, user.id)).get();
	if (!row) throw new Error(`no account for household ${householdId}`);
	return loadViewer(row);
}

function time(fn: () => unknown): number {
	const start = process.hrtime.bigint();
	fn();
	return msSince(start);
}

// 1. The SQL each path runs, captured from the connection, and its query plan.
const original = sqlite.prepare.bind(sqlite);
const captured = new Map<string, string>();
let capturing: string | null = null;
sqlite.prepare = ((source: string) => {
	if (capturing !== null && !captured.has(source)) captured.set(source, capturing);
	return original(source);
}) as typeof sqlite.prepare;

const sampleHousehold = Math.max(1, Math.floor(householdCount / 2));
const sampleViewer = viewerOf(sampleHousehold);
const sampleVillage = villageList[Math.floor(villageList.length / 2)]!;
const token = (
	sqlite.prepare('SELECT plaque_token AS t FROM households WHERE id = ?').get(sampleHousehold) as {
		t: string;
	}
).t;
const paths: [string, () => unknown][] = [
	[
		'statement (getStatement, household statement page)',
		() => getStatement(sampleViewer, sampleHousehold, { limit: 50 })
	],
	[
		'statement, next page (?before=)',
		() => {
			const first = getStatement(sampleViewer, sampleHousehold, { limit: 50 });
			if (first.nextBefore !== null)
				getStatement(sampleViewer, sampleHousehold, { limit: 50, before: first.nextBefore });
		}
	],
	['household page (getHousehold)', () => getHousehold(sampleViewer, sampleHousehold)],
	['points earned to date (shop threshold)', () => earnedToDate(sampleHousehold)],
	['chain head (notice board)', () => chainHead(sampleVillage.id)],
	[
		'honour roll, month (getHonourRoll)',
		() => getHonourRoll(null, { id: sampleVillage.id }, { period: 'month' })
	],
	['honour roll, year', () => getHonourRoll(null, { id: sampleVillage.id }, { period: 'year' })],
	['door plaque (getPlaque)', () => getPlaque(null, token)]
];
for (const [name, fn] of paths) {
	capturing = name;
	fn();
}
capturing = null;
sqlite.prepare = original;

const plans = [...captured].map(([source, path]) => {
	const params = (source.match(/\?/g) ?? []).length;
	const rows = sqlite
		.prepare(`EXPLAIN QUERY PLAN ${source}`)
		.all(...Array.from({ length: params }, () => null)) as { detail: string }[];
	const plan = rows.map((r) => r.detail);
	const scans = plan.filter((d) => /^SCAN /.test(d) && !/USING (COVERING )?INDEX/.test(d));
	return {
		path,
		sql: source,
		plan,
		verdict: scans.length > 0 ? `scans: ${scans.join('; ')}` : 'index lookups only'
	};
});

// 2. The statement query alone, over random households (each as its own head's account).
const statementSamples = Number(values.statements);
const households = Array.from(
	{ length: statementSamples },
	() => 1 + Math.floor(random() * householdCount)
);
const viewers = new Map<number, Viewer>();
for (const h of households) if (!viewers.has(h)) viewers.set(h, viewerOf(h));
for (const h of households.slice(0, Math.min(500, households.length))) {
	getStatement(viewers.get(h)!, h, { limit: 50 }); // warm-up: statement cache, page cache, JIT
}
let entriesSeen = 0;
const statementMs = households.map((h) =>
	time(() => {
		entriesSeen += getStatement(viewers.get(h)!, h, { limit: 50 }).entryCount;
	})
);

// 3. The honour roll of random villages, month and year; then every village's month once. Asked
// in the last hour of the previous month (and year), so the period is a whole month (year) of
// entries, not the few days the current one may have so far.
const monthStart = periodBounds('month', new Date()).from.getTime();
const lastMonth = new Date(monthStart - 3_600_000);
const lastYear = new Date(periodBounds('year', new Date()).from.getTime() - 3_600_000);
const rollSamples = Number(values.rolls);
const rollVillages = Array.from(
	{ length: rollSamples },
	() => villageList[Math.floor(random() * villageList.length)]!
);
for (const v of rollVillages.slice(0, 10))
	getHonourRoll(null, { id: v.id }, { period: 'month' }, lastMonth);
let ranked = 0;
const monthMs = rollVillages.map((v) =>
	time(() => {
		ranked += getHonourRoll(null, { id: v.id }, { period: 'month' }, lastMonth).ranked;
	})
);
const yearMs = rollVillages.map((v) =>
	time(() => getHonourRoll(null, { id: v.id }, { period: 'year' }, lastYear))
);
const plaqueTokens = rollVillages.map(
	() =>
		(
			sqlite
				.prepare('SELECT plaque_token AS t FROM households WHERE id = ?')
				.get(1 + Math.floor(random() * householdCount)) as { t: string }
		).t
);
const plaqueMs = plaqueTokens.map((t) => time(() => getPlaque(null, t, lastYear)));
const countyStart = process.hrtime.bigint();
for (const v of villageList) getHonourRoll(null, { id: v.id }, { period: 'month' }, lastMonth);
const countyMonthMs = msSince(countyStart);

console.log(
	JSON.stringify({
		statement: summarize(statementMs),
		statementMeanEntries: entriesSeen / statementSamples,
		statementHouseholds: viewers.size,
		honourMonth: summarize(monthMs),
		honourMonthMeanRanked: ranked / rollSamples,
		honourYear: summarize(yearMs),
		plaque: summarize(plaqueMs),
		countyMonthRollsMs: Math.round(countyMonthMs),
		rollsAsOf: { month: lastMonth.toISOString(), year: lastYear.toISOString() },
		villages: villageList.length,
		plans
	})
);
