/**
 * An online, consistent copy of the live database — safe while the server runs — and of the
 * photo uploads, checked before anything older is deleted:
 *
 *   npm run backup                          # into backups/ beside the database, keep 30
 *   npm run backup -- --out /srv/backup --keep 14
 *
 * 1. SQLite's online backup API (better-sqlite3 `db.backup`) copies DATABASE_URL into
 *    `<out>/<name>-<UTC time>.db.partial`. In WAL mode the copy is one read snapshot: the server
 *    keeps writing meanwhile and none of those writes is half in the copy.
 * 2. The photos (UPLOADS_DIR, or `uploads/` beside the database) go to `<name>-<UTC time>.uploads/`,
 *    after the database, so every photo the copy refers to was already on disk. Photos are never
 *    changed once written, so each is hard-linked (no extra space, instant) and copied only where
 *    a link can't be made (another filesystem).
 * 3. The copy is opened and checked: `PRAGMA integrity_check` and the whole ledger (every
 *    village's hash chain and balances, as `npm run ledger:verify` does). Only then is it renamed
 *    to `.db` and are backups beyond the newest `--keep` deleted.
 *
 * Prints the path and size of the copy, the photos, and each village's chain head (compare with
 * an earlier backup's: a chain only grows). Exit codes: 0 ok; 1 the backup failed (the copy did
 * not pass its checks — kept as `.db.failed` for inspection — or could not be written);
 * 2 bad options or no database to back up. Runs under `node --import tsx`, like
 * scripts/ledger-verify.ts.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkCopy, passed } from './lib/check-copy';
import { linkTree, liveDatabasePath, liveUploadsDir, size, stamp, STAMP } from './lib/live-files';
import { runMain } from './lib/run-main';

const USAGE = `用法 Usage: npm run backup [-- --out <目录 dir>] [--keep <份数 count, default 30>]`;
const DEFAULT_KEEP = 30;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Options = { out: string | undefined; keep: number };

function options(): Options | { error: string } | 'help' {
	let values;
	try {
		values = parseArgs({
			options: {
				out: { type: 'string' },
				keep: { type: 'string' },
				help: { type: 'boolean', short: 'h', default: false }
			},
			strict: true,
			allowPositionals: false
		}).values;
	} catch (e) {
		return { error: e instanceof Error ? e.message : String(e) };
	}
	if (values.help) return 'help';
	const keep = values.keep === undefined ? DEFAULT_KEEP : Number(values.keep);
	if (!/^\d+$/.test(values.keep ?? '1') || !Number.isSafeInteger(keep) || keep < 1) {
		return { error: `--keep must be a whole number of at least 1, got ${values.keep}` };
	}
	if (values.out !== undefined && values.out.trim() === '') return { error: '--out is empty' };
	return { out: values.out, keep };
}

/** Deletes the backups (database and photos) beyond the newest `keep`; returns their names. */
function prune(out: string, name: string, keep: number): string[] {
	const pattern = new RegExp(`^${escape(name)}-(${STAMP})\\.db$`);
	const backups = readdirSync(out)
		.filter((f) => pattern.test(f))
		.sort()
		.reverse();
	const removed = backups.slice(keep);
	for (const file of removed) {
		rmSync(join(out, file), { force: true });
		rmSync(join(out, file.replace(/\.db$/, '.uploads')), { recursive: true, force: true });
	}
	return removed;
}

async function main(): Promise<number> {
	const opts = options();
	if (opts === 'help') {
		console.log(USAGE);
		return 0;
	}
	if ('error' in opts) {
		console.error(`${opts.error}\n${USAGE}`);
		return 2;
	}
	const live = liveDatabasePath();
	if (!existsSync(live)) {
		console.error(`错误 Error: 没有数据库 no database at ${live} (DATABASE_URL)`);
		return 2;
	}
	const uploads = liveUploadsDir(live);
	const out = resolve(opts.out ?? join(dirname(live), 'backups'));
	const name = basename(live, extname(live));
	const base = join(out, `${name}-${stamp(new Date())}`);
	const partial = `${base}.db.partial`;
	console.log(`数据库 Database: ${live}`);

	try {
		mkdirSync(out, { recursive: true });
		const source = new Database(live, { fileMustExist: true });
		try {
			source.pragma('busy_timeout = 5000');
			// All remaining pages in one step: between steps the server may write, which would make
			// SQLite start the copy over (and over, on a busy server).
			await source.backup(partial, { progress: () => 0x7fffffff });
		} finally {
			source.close();
		}
	} catch (e) {
		console.error(`备份失败 BACKUP FAILED: ${e instanceof Error ? e.message : String(e)}`);
		rmSync(partial, { force: true });
		return 1;
	}
	const photos = existsSync(uploads)
		? linkTree(uploads, `${base}.uploads`)
		: { files: 0, bytes: 0 };

	const check = await checkCopy(partial);
	const { integrity, ledger } = check;
	if (!passed(check)) {
		renameSync(partial, `${base}.db.failed`);
		console.error(`备份未通过检查 BACKUP FAILED ITS CHECKS: ${base}.db.failed`);
		console.error(`  完整性 Integrity: ${integrity}`);
		for (const line of ledger.lines) console.error(`  ${line}`);
		console.error('  旧备份未删除 Older backups were left in place.');
		return 1;
	}
	// Out of WAL mode: one self-contained file that opens read-only anywhere (the server switches
	// a restored copy back to WAL when it opens it).
	const copy = new Database(partial, { fileMustExist: true });
	copy.pragma('journal_mode = DELETE');
	copy.close();
	const file = `${base}.db`;
	renameSync(partial, file);
	console.log(`备份 Backup: ${file} (${size(statSync(file).size)})`);
	console.log(
		existsSync(uploads)
			? `照片 Photos: ${base}.uploads/ (${photos.files} 个文件 files, ${size(photos.bytes)}) from ${uploads}`
			: `照片 Photos: 无 none (${uploads} does not exist)`
	);
	console.log('完整性 Integrity: ok');
	for (const line of ledger.lines) console.log(line);
	const removed = prune(out, name, opts.keep);
	console.log(
		`保留最新 ${opts.keep} 份 Keeping the newest ${opts.keep}; 删除 removed ${removed.length}` +
			(removed.length ? `: ${removed.join(', ')}` : '')
	);
	return 0;
}

runMain(main, '备份失败 BACKUP FAILED');
