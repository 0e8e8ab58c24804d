/**
 * `npm run restore` (scripts/restore.ts) as an operator runs it: child processes on a live
 * database of their own in a temp dir (this test's database is held open by this process, which
 * restore would rightly refuse), with backups made by `npm run backup`.
 */
import Database from 'better-sqlite3';
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlite } from '$lib/server/db';
import { makeFamily, makeVillage } from '../factories';
import { post } from './ledger-helpers';

type Run = { code: number | null; out: string; err: string };

const scratch = mkdtempSync(join(tmpdir(), 'jishan-restore-test-'));
const liveDir = join(scratch, 'live');
const live = join(liveDir, 'jishan.db');
const uploads = join(liveDir, 'uploads');
const backups = join(scratch, 'backups');

/** Runs a script under tsx on the temp live database, without blocking this process. */
function runScript(script: string, ...args: string[]): Promise<Run> {
	return new Promise((resolve) => {
		execFile(
			process.execPath,
			['--import', 'tsx', script, ...args],
			{
				env: { ...process.env, DATABASE_URL: live, UPLOADS_DIR: uploads },
				encoding: 'utf8'
			},
			(error, out, err) =>
				resolve({
					code: error ? (typeof error.code === 'number' ? error.code : null) : 0,
					out,
					err
				})
		);
	});
}
const restore = (...args: string[]) => runScript('scripts/restore.ts', ...args);

let villageId: number;
let householdIds: number[];
const PHOTOS = {
	'aaaaaaaaaaaaaaaaaaaaaaaaaa.jpg': 'full',
	'aaaaaaaaaaaaaaaaaaaaaaaaaa.thumb.jpg': 'thumb'
};
const LATER_PHOTO = 'bbbbbbbbbbbbbbbbbbbbbbbbbb.jpg';
/** The backup made in beforeAll, and what the live database held then. */
let backup: string;
let backedUp: { entries: number; head: string };

/** This test's database (written through the app) becomes the live one. */
async function publish(): Promise<void> {
	await sqlite.backup(live);
}

beforeAll(async () => {
	villageId = makeVillage().id;
	householdIds = [1, 2, 3].map(() => makeFamily({ villageId }).household.id);
	for (const [i, householdId] of householdIds.entries()) {
		post({ villageId, householdId, points: 10 + i });
	}
	mkdirSync(uploads, { recursive: true });
	for (const [file, content] of Object.entries(PHOTOS)) writeFileSync(join(uploads, file), content);
	await publish();
	const run = await runScript('scripts/backup.ts', '--out', backups);
	expect(run.code).toBe(0);
	backup = run.out.match(/Backup: (\S+\.db)/)![1]!;
	backedUp = contents(live);
}, 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Ledger entries and the test village's chain head in a database file. */
function contents(path: string): { entries: number; head: string } {
	const db = new Database(path, { readonly: true, fileMustExist: true });
	try {
		const { n } = db.prepare('SELECT count(*) AS n FROM ledger_entries').get() as { n: number };
		const { hash } = db
			.prepare('SELECT hash FROM ledger_entries WHERE village_id = ? ORDER BY seq DESC LIMIT 1')
			.get(villageId) as { hash: string };
		return { entries: n, head: hash };
	} finally {
		db.close();
	}
}

/** Every file under the live folder with a hash of its bytes: equal means nothing changed. */
function snapshot(dir = liveDir): Record<string, string> {
	const files: Record<string, string> = {};
	for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
		if (!entry.isFile()) continue;
		const path = join(entry.parentPath, entry.name);
		files[path] = createHash('sha256').update(readFileSync(path)).digest('hex');
	}
	return files;
}

/** Makes the live database and photos differ from the backup: more entries, another photo. */
async function changeLive(): Promise<void> {
	for (const householdId of householdIds) post({ villageId, householdId, points: 1 });
	await publish();
	writeFileSync(join(uploads, LATER_PHOTO), 'later');
}

describe('npm run restore', () => {
	it('puts the backup in place and keeps the previous database and photos aside', async () => {
		await changeLive();
		const changed = contents(live);
		expect(changed.entries).toBe(backedUp.entries + 3);

		const run = await restore(backup, '--yes');
		expect(run.err).toBe('');
		expect(run.code).toBe(0);
		expect(contents(live)).toEqual(backedUp);
		// The chain head is printed from the backup's check and again from the restored file.
		expect(run.out.split(backedUp.head).length - 1).toBeGreaterThanOrEqual(2);
		expect(run.out).toContain('账本校验通过');

		const aside = readdirSync(liveDir).filter((f) => f.startsWith('jishan.db.before-restore-'));
		const asideDb = aside.filter((f) =>
			/^jishan\.db\.before-restore-\d{4}-\d{2}-\d{2}T[\d-]+Z$/.test(f)
		);
		expect(asideDb).toHaveLength(1);
		// Its -wal and -shm went with it (this test's read-only look at it left them).
		expect(aside.sort()).toEqual([asideDb[0], `${asideDb[0]}-shm`, `${asideDb[0]}-wal`]);
		expect(contents(join(liveDir, asideDb[0]!))).toEqual(changed);

		// The photos are the backup's; the later one went aside with the folder it was in.
		expect(readdirSync(uploads).sort()).toEqual(Object.keys(PHOTOS).sort());
		const photosAside = readdirSync(liveDir).filter((f) => f.startsWith('uploads.before-restore-'));
		expect(photosAside).toHaveLength(1);
		expect(readFileSync(join(liveDir, photosAside[0]!, LATER_PHOTO), 'utf8')).toBe('later');
		// And the backup is as it was.
		expect(contents(backup)).toEqual(backedUp);
	}, 60_000);

	it('without --yes prints what it would do and changes nothing', async () => {
		await changeLive();
		// As a crashed server leaves it: a WAL with a commit not yet in the database file.
		const crash = spawnSync(process.execPath, [
			'-e',
			`const db = new (require('better-sqlite3'))(process.argv[1]);
			db.pragma('journal_mode = WAL');
			db.exec("UPDATE villages SET name = name || ' (crash)'");
			process.kill(process.pid, 'SIGKILL');`,
			live
		]);
		expect(crash.signal).toBe('SIGKILL');
		expect(statSync(`${live}-wal`).size).toBeGreaterThan(0);
		const before = snapshot();
		const run = await restore(backup);
		expect(run.code).toBe(0);
		expect(run.out).toContain('Would');
		expect(run.out).toContain(`move aside ${live} → ${live}.before-restore-`);
		expect(run.out).toContain('Nothing changed');
		expect(snapshot()).toEqual(before);
	}, 60_000);

	it('refuses a tampered or corrupted backup with exit 1 and changes nothing', async () => {
		const tampered = join(scratch, 'tampered.db');
		copyFileSync(backup, tampered);
		const db = new Database(tampered);
		db.exec('DROP TRIGGER ledger_entries_no_update');
		db.prepare(
			'UPDATE ledger_entries SET points = points + 1 WHERE id = (SELECT min(id) FROM ledger_entries)'
		).run();
		db.close();
		const garbage = join(scratch, 'garbage.db');
		writeFileSync(garbage, Buffer.alloc(8192, 'not a database '));
		// A real backup whose pages past the header were overwritten.
		const damaged = join(scratch, 'damaged.db');
		const bytes = readFileSync(backup);
		bytes.fill(0xa5, 4096, Math.min(bytes.length, 4096 * 4));
		writeFileSync(damaged, bytes);

		const before = snapshot();
		const runs = await Promise.all([tampered, garbage, damaged].map((f) => restore(f, '--yes')));
		expect(runs.map((r) => r.code)).toEqual([1, 1, 1]);
		expect(runs[0]!.err).toContain('LEDGER VERIFICATION FAILED');
		expect(runs.every((r) => r.err.includes('BACKUP FAILED ITS CHECKS'))).toBe(true);
		expect(snapshot()).toEqual(before);
	}, 60_000);

	it('exits 2 on bad options or no backup file and changes nothing', async () => {
		const before = snapshot();
		const runs = await Promise.all([
			restore(),
			restore('--yes'),
			restore(backup, backup, '--yes'),
			restore(backup, '--frobnicate'),
			restore(join(scratch, 'no-such-backup.db'), '--yes'),
			restore(backups, '--yes'),
			restore(live, '--yes')
		]);
		expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2, 2]);
		expect(runs.slice(0, 6).every((r) => r.err.includes('Usage'))).toBe(true);
		expect(runs[6]!.err).toContain('the backup is the live database');
		expect(snapshot()).toEqual(before);
	}, 60_000);

	describe('while another process uses the live database', () => {
		let holder: ChildProcess | undefined;
		afterAll(() => holder?.kill());

		/** A child process running `code` (CommonJS, cwd the repository), once it printed "ready". */
		async function hold(code: string): Promise<number> {
			holder = spawn(process.execPath, ['-e', code, live], {
				stdio: ['ignore', 'pipe', 'inherit']
			});
			const child = holder;
			await new Promise<void>((resolve, reject) => {
				child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
				child.on('exit', (c) => reject(new Error(`holder exited with ${c}`)));
			});
			return child.pid!;
		}
		async function release(): Promise<void> {
			const child = holder!;
			const exited = new Promise((r) => child.on('exit', r));
			child.kill();
			await exited;
			holder = undefined;
		}

		it('refuses a database a server-like connection has open: its lock and its open files', async () => {
			// Like the server: opens in WAL mode and stays connected, idle between statements.
			const pid = await hold(`
				const db = new (require('better-sqlite3'))(process.argv[1]);
				db.pragma('journal_mode = WAL');
				db.prepare('SELECT count(*) FROM ledger_entries').get();
				console.log('ready');
				setInterval(() => {}, 1000);`);
			try {
				const before = snapshot();
				for (const args of [[backup, '--yes'], [backup]]) {
					const run = await restore(...args);
					expect(run.code).toBe(1);
					expect(run.err).toContain('REFUSED: the live database is in use');
					expect(run.err).toContain('locked by another connection (SQLITE_BUSY)');
					expect(run.err).toMatch(new RegExp(`process ${pid} .*has open: .*jishan\\.db`));
				}
				expect(snapshot()).toEqual(before);
				expect(readdirSync(liveDir).filter((f) => f.includes('restore-probe'))).toEqual([]);
			} finally {
				await release();
			}
		}, 60_000);

		it('refuses a database another process merely has open (no SQLite lock)', async () => {
			const pid = await hold(`
				require('node:fs').openSync(process.argv[1], 'r');
				console.log('ready');
				setInterval(() => {}, 1000);`);
			try {
				const before = snapshot();
				const run = await restore(backup, '--yes');
				expect(run.code).toBe(1);
				expect(run.err).toMatch(new RegExp(`process ${pid} .*has open: .*jishan\\.db`));
				expect(run.err).not.toContain('locked by another connection');
				expect(snapshot()).toEqual(before);
			} finally {
				await release();
			}
		}, 60_000);

		it('restores once it is let go', async () => {
			const run = await restore(backup, '--yes');
			expect(run.code).toBe(0);
			// Nothing of the previous WAL is left beside the restored file.
			expect(existsSync(`${live}-wal`)).toBe(false);
			expect(contents(live)).toEqual(backedUp);
		}, 60_000);
	});
});
