/**
 * Durability settings: what an acknowledged credit costs under each SQLite journal mode and
 * synchronous level. In this process, on a temp file, each setting runs the same write
 * transaction the server runs for a credit — an IMMEDIATE transaction around postEntry (hash
 * chain, running balance, cached balance) on a seeded household — one after another, as the
 * single writer the server is. Baseline: (WAL, NORMAL), the previous setting, in the same run;
 * the settings take turns in rounds so drift on a shared machine falls on all of them alike.
 *
 * What each setting survives: WAL + NORMAL loses no commit when the process is killed but may
 * lose the last ones on power loss (the WAL is fsynced only at checkpoints); WAL + FULL fsyncs
 * the WAL at every commit, so an acknowledged write survives power loss; DELETE + FULL is the
 * rollback journal for comparison (several fsyncs per commit).
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import * as schema from '$lib/server/db/schema';
import { and, eq } from 'drizzle-orm';
import { households, idempotencyKeys, users, villages } from '$lib/server/db/schema';
import { postEntry } from '$lib/server/ledger/post-entry';
import type { Benchmark } from './lib/benchmark';
import type { Row } from './lib/report';
import { ROOT, tempDatabase } from './lib/server';
import { msSince, summarize, type Summary } from './lib/stats';

type Setting = { label: string; journal: 'WAL' | 'DELETE'; synchronous: 'NORMAL' | 'FULL' };

const SETTINGS: Setting[] = [
	{ label: 'WAL + NORMAL', journal: 'WAL', synchronous: 'NORMAL' },
	{ label: 'WAL + FULL', journal: 'WAL', synchronous: 'FULL' },
	{ label: 'DELETE + FULL', journal: 'DELETE', synchronous: 'FULL' }
];

/** One database per setting, migrated, with a village and a household to credit. */
function open(file: string, setting: Setting) {
	const sqlite = new Database(file);
	sqlite.pragma(`journal_mode = ${setting.journal}`);
	sqlite.pragma(`synchronous = ${setting.synchronous}`);
	sqlite.pragma('foreign_keys = ON');
	const db = drizzle(sqlite, { schema, casing: 'snake_case' });
	migrate(db, { migrationsFolder: join(ROOT, 'drizzle') });
	const village = db
		.insert(villages)
		.values({ name: '测速村', code: 'durability', town: '测试镇' })
		.returning()
		.get();
	const household = db
		.insert(households)
		.values({ villageId: village.id, number: 'B-0001' })
		.returning()
		.get();
	const user = db
		.insert(users)
		.values({ phone: '17999999999', name: '测速', passwordHash: '!', villageId: village.id })
		.returning()
		.get();
	let source = 0;
	/** One credit, as the server writes it: its own IMMEDIATE transaction (write() in db/index.ts). */
	const credit = () =>
		db.transaction(
			(tx) =>
				postEntry(tx, {
					villageId: village.id,
					householdId: household.id,
					kind: 'earn',
					points: 5,
					source: { type: 'bench', id: ++source },
					note: 'durability bench'
				}),
			{ behavior: 'immediate' }
		);
	/**
	 * The commits of one credit over the API, in the order the server makes them: the
	 * Idempotency-Key reservation, the credit (which also marks the key acted), the stored
	 * response (api/idempotency.ts). Each is a commit, so each is an fsync under FULL. (The
	 * Bearer token's lastUsedAt is written at most once a minute, so not per request.)
	 */
	const apiCredit = () => {
		const scope = `user:${user.id}`;
		const key = `k${source + 1}`;
		db.transaction(
			(tx) => {
				tx.select()
					.from(idempotencyKeys)
					.where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)))
					.get();
				tx.insert(idempotencyKeys)
					.values({ scope, key, method: 'POST', path: '/x', requestHash: 'h', status: 0, body: '' })
					.run();
			},
			{ behavior: 'immediate' }
		);
		const { entry } = credit();
		db.update(idempotencyKeys)
			.set({ status: 201, body: JSON.stringify(entry) })
			.where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)))
			.run();
	};
	return { sqlite, credit, apiCredit };
}

/** Runs `write` `n` times; the latency of each and the wall time of all. */
function measure(write: () => void, n: number, into: number[]): number {
	const start = process.hrtime.bigint();
	for (let k = 0; k < n; k++) {
		const t = process.hrtime.bigint();
		write();
		into.push(msSince(t));
	}
	return msSince(start) / 1000;
}

/** The filesystem the temp files live on: on tmpfs an fsync costs nothing and FULL looks free. */
function filesystemOf(dir: string): string {
	try {
		const out = execFileSync('df', ['-T', dir], { encoding: 'utf8' }).trim().split('\n');
		return out[out.length - 1]!.split(/\s+/)[1] ?? 'unknown';
	} catch {
		return 'unknown';
	}
}

const durability: Benchmark = {
	name: 'durability',
	title: 'Durability: credits/s and p99 by SQLite journal mode and synchronous level',
	async run({ quick }) {
		const rounds = quick ? 2 : 5;
		const perRound = quick ? 200 : 1000;
		const { database, cleanup } = tempDatabase('jishan-durability-');
		try {
			const dbs = SETTINGS.map((s, i) => ({ setting: s, ...open(`${database}.${i}`, s) }));
			// Warm up: statements prepared, pages cached, the WAL created.
			for (const d of dbs) for (let i = 0; i < 50; i++) d.credit();
			const credits = SETTINGS.map(() => ({ samples: [] as number[], seconds: 0 }));
			const api = SETTINGS.map(() => ({ samples: [] as number[], seconds: 0 }));
			for (let r = 0; r < rounds; r++) {
				for (const [i, d] of dbs.entries()) {
					credits[i]!.seconds += measure(d.credit, perRound, credits[i]!.samples);
					api[i]!.seconds += measure(d.apiCredit, perRound / 4, api[i]!.samples);
				}
			}
			for (const d of dbs) d.sqlite.close();

			const figures = (m: { samples: number[]; seconds: number }) => ({
				writes: m.samples.length,
				perSecond: Math.round(m.samples.length / m.seconds),
				latencyMs: summarize(m.samples) as Summary
			});
			const results = SETTINGS.map((s, i) => ({
				...s,
				credit: figures(credits[i]!),
				apiCredit: figures(api[i]!)
			}));
			const base = results[0]!;
			const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
			const rows: Row[] = [];
			for (const r of results) {
				rows.push({ label: `${r.label}: credits/s`, value: r.credit.perSecond, unit: '/s' });
				rows.push({ label: `${r.label}: credit p99`, value: r.credit.latencyMs.p99, unit: 'ms' });
				if (r !== base) {
					rows.push({
						label: `${r.label}: credits/s ÷ WAL + NORMAL`,
						value: ratio(r.credit.perSecond, base.credit.perSecond),
						unit: '×'
					});
				}
				rows.push({
					label: `${r.label}: API credits/s (3 commits)`,
					value: r.apiCredit.perSecond,
					unit: '/s'
				});
				rows.push({
					label: `${r.label}: API credit p99`,
					value: r.apiCredit.latencyMs.p99,
					unit: 'ms'
				});
			}
			return {
				name: 'durability',
				title: durability.title,
				rows,
				details: {
					baseline: 'WAL + NORMAL (same run, same transaction)',
					transaction: 'BEGIN IMMEDIATE; postEntry (earn 5 points) on one household; COMMIT',
					apiCredit:
						'the 3 commits of a credit over the API: Idempotency-Key reservation, the credit, the stored response',
					rounds,
					writesPerRound: perRound,
					filesystem: filesystemOf(dirname(database)),
					results
				}
			};
		} finally {
			cleanup();
		}
	}
};

export default durability;
