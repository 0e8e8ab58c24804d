import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { count, eq } from 'drizzle-orm';
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasePath, db, write } from '$lib/server/db';
import * as schema from '$lib/server/db/schema';
import { ledgerEntries, type Household, type Village } from '$lib/server/db/schema';
import { postEntry } from '$lib/server/ledger/post-entry';
import { makeFamily, makeVillage } from '../factories';
import { expectLedgerInvariants, nextSourceId, post } from './ledger-helpers';

let village: Village;
let homes: Household[];

beforeEach(() => {
	village = makeVillage();
	homes = [1, 2, 3].map(() => makeFamily({ villageId: village.id }).household);
});
afterEach(() => expectLedgerInvariants());

const seqs = () =>
	db
		.select({ seq: ledgerEntries.seq })
		.from(ledgerEntries)
		.where(eq(ledgerEntries.villageId, village.id))
		.orderBy(ledgerEntries.seq)
		.all()
		.map((r) => r.seq);

/** A second connection to the same database file, as another process would hold. */
function secondConnection() {
	const sqlite = new Database(databasePath());
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('foreign_keys = ON');
	return { sqlite, db: drizzle(sqlite, { schema, casing: 'snake_case' }) };
}

describe('posting concurrently', () => {
	it('keeps one chain through many async postings at once, retries included', async () => {
		const sources = Array.from({ length: 60 }, () => nextSourceId());
		const results = await Promise.all(
			[...sources, ...sources.slice(0, 20)].map(async (id, i) => {
				await new Promise((r) => setTimeout(r, i % 7));
				return post({
					villageId: village.id,
					householdId: homes[id % 3]!.id,
					points: 2,
					source: { type: 'slip', id }
				});
			})
		);
		expect(results.filter((r) => r.created)).toHaveLength(60);
		expect(seqs()).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
	});

	it('interleaves with a second connection without forking the chain', () => {
		const other = secondConnection();
		try {
			for (let i = 0; i < 20; i++) {
				const handle = i % 2 === 0 ? db : other.db;
				handle.transaction(
					(tx) =>
						postEntry(tx as never, {
							villageId: village.id,
							householdId: homes[i % 3]!.id,
							kind: 'earn',
							points: 3,
							source: { type: 'slip', id: nextSourceId() }
						}),
					{ behavior: 'immediate' }
				);
			}
			expect(seqs()).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
		} finally {
			other.sqlite.close();
		}
	});

	it('waits for (or refuses) a post while another connection holds the write lock', () => {
		const other = secondConnection();
		other.sqlite.pragma('busy_timeout = 0');
		try {
			post({ villageId: village.id, householdId: homes[0]!.id, points: 5 });
			// Our connection takes the lock and posts, but hasn't committed …
			db.$client.prepare('BEGIN IMMEDIATE').run();
			let inner;
			try {
				inner = write((tx) =>
					postEntry(tx, {
						villageId: village.id,
						householdId: homes[0]!.id,
						kind: 'earn',
						points: 1,
						source: { type: 'slip', id: nextSourceId() }
					})
				);
			} catch (e) {
				inner = e;
			}
			// (drizzle nests a savepoint inside the open transaction; that is fine for this test)
			// … so the other connection cannot read a stale chain head and write after it.
			expect(() =>
				other.db.transaction(
					(tx) =>
						postEntry(tx as never, {
							villageId: village.id,
							householdId: homes[1]!.id,
							kind: 'earn',
							points: 1,
							source: { type: 'slip', id: nextSourceId() }
						}),
					{ behavior: 'immediate' }
				)
			).toThrow(/locked|busy/i);
			db.$client.prepare('COMMIT').run();
			expect(inner).not.toBeInstanceOf(Error);
			other.db.transaction(
				(tx) =>
					postEntry(tx as never, {
						villageId: village.id,
						householdId: homes[1]!.id,
						kind: 'earn',
						points: 1,
						source: { type: 'slip', id: nextSourceId() }
					}),
				{ behavior: 'immediate' }
			);
			expect(seqs()).toEqual([1, 2, 3]);
		} finally {
			if (db.$client.inTransaction) db.$client.prepare('ROLLBACK').run();
			other.sqlite.close();
		}
	});

	it('keeps one chain when several processes post into the same file at once', async () => {
		const workers = 4;
		const each = 30;
		const ids = homes.map((h) => h.id).join(',');
		const run = (w: number) =>
			new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
				const child = spawn(
					process.execPath,
					[
						'--import',
						'tsx',
						'tests/integration/ledger-worker.ts',
						String(village.id),
						ids,
						String(each),
						String(5_000_000 + w * 1000),
						String(startAt)
					],
					{ env: { ...process.env, DATABASE_URL: databasePath() } }
				);
				let out = '';
				let err = '';
				child.stdout.on('data', (d) => (out += d));
				child.stderr.on('data', (d) => (err += d));
				child.on('close', (code) => resolve({ code, out, err }));
			});
		// Node + tsx take a moment to start; all of them begin posting at the same instant.
		const startAt = Date.now() + 4000;
		// Meanwhile this process posts too.
		const running = Array.from({ length: workers }, (_, w) => run(w));
		await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
		for (let i = 0; i < 10; i++) {
			post({ villageId: village.id, householdId: homes[i % 3]!.id, points: 1 });
			await new Promise((r) => setTimeout(r, 5));
		}
		const done = await Promise.all(running);
		for (const d of done) {
			expect(d.err).toBe('');
			expect(d.code).toBe(0);
			expect(JSON.parse(d.out)).toEqual({ created: each });
		}
		const n = workers * each + 10;
		expect(
			db
				.select({ n: count() })
				.from(ledgerEntries)
				.where(eq(ledgerEntries.villageId, village.id))
				.get()?.n
		).toBe(n);
		expect(seqs()).toEqual(Array.from({ length: n }, (_, i) => i + 1));
		// They really ran at the same time: in chain order, the writers take turns many times.
		const writers = db
			.select({ type: ledgerEntries.sourceType, id: ledgerEntries.sourceId })
			.from(ledgerEntries)
			.where(eq(ledgerEntries.villageId, village.id))
			.orderBy(ledgerEntries.seq)
			.all()
			.map((e) => (e.type === 'worker' ? Math.floor((e.id - 5_000_000) / 1000) : -1));
		const turns = writers.filter((w, i) => i > 0 && w !== writers[i - 1]).length;
		expect(turns).toBeGreaterThan(workers * 2);
	}, 60_000);
});
