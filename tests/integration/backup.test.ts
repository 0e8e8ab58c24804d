/**
 * `npm run backup` (scripts/backup.ts) as an operator runs it — a child process on this test's
 * database file — while this process keeps writing to the same database, as the server would.
 */
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath, sqlite } from '$lib/server/db';
import { uploadsDir } from '$lib/server/photos/uploads-dir';
import { makeFamily, makeVillage } from '../factories';
import { post } from './ledger-helpers';

type Run = { code: number | null; out: string; err: string };

/** Runs a script under tsx with DATABASE_URL pointing at `database`, without blocking this process. */
function runScript(script: string, database: string, ...args: string[]): Promise<Run> {
	return new Promise((resolve) => {
		execFile(
			process.execPath,
			['--import', 'tsx', script, ...args],
			{ env: { ...process.env, DATABASE_URL: database }, encoding: 'utf8' },
			(error, out, err) =>
				resolve({
					code: error ? (typeof error.code === 'number' ? error.code : null) : 0,
					out,
					err
				})
		);
	});
}
const backup = (...args: string[]) => runScript('scripts/backup.ts', databasePath(), ...args);

const scratch = mkdtempSync(join(tmpdir(), 'jishan-backup-'));
const outDir = (name: string) => join(scratch, name);
const databases = (dir: string) =>
	readdirSync(dir)
		.filter((f) => f.endsWith('.db'))
		.sort();

let villageId: number;
let householdIds: number[];
const PHOTOS = {
	'aaaaaaaaaaaaaaaaaaaaaaaaaa.jpg': 'full',
	'aaaaaaaaaaaaaaaaaaaaaaaaaa.thumb.jpg': 'thumb'
};

beforeAll(() => {
	villageId = makeVillage().id;
	householdIds = [1, 2, 3].map(() => makeFamily({ villageId }).household.id);
	for (const [i, householdId] of householdIds.entries()) {
		post({ villageId, householdId, points: 10 + i });
	}
	mkdirSync(uploadsDir(), { recursive: true });
	for (const [file, content] of Object.entries(PHOTOS)) {
		writeFileSync(join(uploadsDir(), file), content);
	}
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const countEntries = () =>
	(sqlite.prepare('SELECT count(*) AS n FROM ledger_entries').get() as { n: number }).n;

describe('npm run backup', () => {
	it('copies the live database while it is written to: the copy opens, holds the data, verifies', async () => {
		const before = countEntries();
		let writing = true;
		let written = 0;
		const writer = (async () => {
			while (writing) {
				post({ villageId, householdId: householdIds[written % 3]!, points: 1 });
				written++;
				await new Promise((r) => setTimeout(r, 2));
			}
		})();
		const run = await backup('--out', outDir('live'));
		writing = false;
		await writer;
		const after = countEntries();

		expect(run.err).toBe('');
		expect(run.code).toBe(0);
		expect(written).toBeGreaterThan(0);
		const [file] = databases(outDir('live'));
		expect(file).toMatch(/^test-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.db$/);
		const path = join(outDir('live'), file!);
		expect(run.out).toContain(path);
		expect(run.out).toContain('账本校验通过');

		const copy = new Database(path, { readonly: true, fileMustExist: true });
		try {
			expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
			// One snapshot: somewhere between what was there before the run and after it.
			const n = (copy.prepare('SELECT count(*) AS n FROM ledger_entries').get() as { n: number }).n;
			expect(n).toBeGreaterThanOrEqual(before);
			expect(n).toBeLessThanOrEqual(after);
			expect(run.out).toContain(head(path));
			expect(
				(
					copy
						.prepare('SELECT count(*) AS n FROM households WHERE village_id = ?')
						.get(villageId) as {
						n: number;
					}
				).n
			).toBe(3);
		} finally {
			copy.close();
		}

		// The photos, beside it under the same time stamp.
		const photos = path.replace(/\.db$/, '.uploads');
		for (const [name, content] of Object.entries(PHOTOS)) {
			expect(readFileSync(join(photos, name), 'utf8')).toBe(content);
		}

		// And the copy passes `npm run ledger:verify` on its own.
		const verify = await runScript('scripts/ledger-verify.ts', path);
		expect(verify.code).toBe(0);
		expect(verify.out).toContain(head(path));
	}, 60_000);

	it('keeps the newest --keep backups, photos included, and deletes the older', async () => {
		const dir = outDir('keep');
		const runs: Run[] = [];
		for (let i = 0; i < 3; i++) runs.push(await backup('--out', dir, '--keep', '2'));
		expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
		const kept = databases(dir);
		expect(kept).toHaveLength(2);
		// The first one went; the last two stay, each with its photo folder.
		const first = runs[0]!.out.match(/Backup: (\S+\.db)/)![1]!;
		expect(kept.map((f) => join(dir, f))).not.toContain(first);
		expect(runs[2]!.out).toContain('removed 1');
		expect(readdirSync(dir).sort()).toEqual(
			kept.flatMap((f) => [f, f.replace(/\.db$/, '.uploads')]).sort()
		);
	}, 60_000);

	it('exits 2 on bad options and writes nothing', async () => {
		const dir = outDir('bad');
		const runs = await Promise.all([
			backup('--out', dir, '--keep', '0'),
			backup('--out', dir, '--keep', 'many'),
			backup('--out', dir, '--keep', '1.5'),
			backup('--out', dir, '--frobnicate'),
			backup('--out', dir, 'positional'),
			backup('--out', '')
		]);
		expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2]);
		expect(runs.every((r) => r.err.includes('Usage'))).toBe(true);
		expect(() => readdirSync(dir)).toThrow();
	}, 60_000);

	it('exits 1 when the copy fails its checks, and deletes no older backup', async () => {
		// A database whose ledger was altered behind the app's back (guards lifted by hand).
		const tampered = join(scratch, 'tampered.db');
		await sqlite.backup(tampered);
		const db = new Database(tampered);
		db.exec('DROP TRIGGER ledger_entries_no_update');
		db.prepare(
			'UPDATE ledger_entries SET points = points + 1 WHERE id = (SELECT min(id) FROM ledger_entries)'
		).run();
		db.close();
		const dir = outDir('failing');
		mkdirSync(dir);
		const older = 'tampered-2020-01-01T00-00-00-000Z.db';
		writeFileSync(join(dir, older), 'an older backup');

		const run = await runScript('scripts/backup.ts', tampered, '--out', dir, '--keep', '1');
		expect(run.code).toBe(1);
		expect(run.err).toContain('LEDGER VERIFICATION FAILED');
		const files = readdirSync(dir);
		expect(files).toContain(older);
		expect(files.filter((f) => f.endsWith('.db.failed'))).toHaveLength(1);
		expect(files.filter((f) => f.endsWith('.db'))).toEqual([older]);
	}, 60_000);
});

/** The newest chain head of the test village in a database file. */
function head(path: string): string {
	const db = new Database(path, { readonly: true });
	try {
		return (
			db
				.prepare('SELECT hash FROM ledger_entries WHERE village_id = ? ORDER BY seq DESC LIMIT 1')
				.get(villageId) as { hash: string }
		).hash;
	} finally {
		db.close();
	}
}
