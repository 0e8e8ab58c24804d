/**
 * Puts a backup made by `npm run backup` back in place of the live database (and its photos),
 * after checking it, keeping the current files aside:
 *
 *   npm run restore -- /var/lib/jishan/backups/jishan-2026-05-01T02-30-00-123Z.db        # what it would do
 *   npm run restore -- /var/lib/jishan/backups/jishan-2026-05-01T02-30-00-123Z.db --yes  # do it
 *
 * 1. Checks a copy of the backup (the backup itself is only read): `PRAGMA integrity_check` and
 *    the whole ledger, as `npm run backup` does (scripts/lib/check-copy.ts). A backup that fails
 *    is refused.
 * 2. Refuses while another process uses the live database (scripts/lib/database-in-use.ts says
 *    what is and is not detected): stop the server first.
 * 3. Without `--yes`, prints what it would do and stops, changing nothing.
 * 4. With `--yes`: moves the live database and its -wal/-shm to `<db>.before-restore-<UTC time>`
 *    (-wal/-shm alike; never deleted — left beside a restored file, SQLite would replay the old
 *    WAL onto it), copies the backup into place; if the backup has its photo folder
 *    (`<backup>.uploads/`), moves UPLOADS_DIR aside the same way and hard-links (or copies) the
 *    backup's photos in.
 * 5. Checks the restored file: integrity, then `npm run ledger:verify` on it, which prints each
 *    village's chain head — the same heads as step 1 and as the backup run printed.
 *
 * Exit codes: 0 restored (or, without --yes, would restore); 1 refused or failed (the backup
 * failed its checks, the database is in use, or the restored file failed its checks — the
 * previous files are then still aside); 2 bad options or no backup file. Runs under
 * `node --import tsx`, like scripts/backup.ts; the live database is DATABASE_URL.
 */
import { spawnSync } from 'node:child_process';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	renameSync,
	rmSync,
	statSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkCopy, checkIntegrity, passed } from './lib/check-copy';
import { databaseInUse } from './lib/database-in-use';
import { linkTree, liveDatabasePath, liveUploadsDir, size, stamp } from './lib/live-files';
import { runMain } from './lib/run-main';

const USAGE = `用法 Usage: npm run restore -- <备份 backup.db> [--yes]`;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

type Options = { backup: string; yes: boolean };

function options(): Options | { error: string } | 'help' {
	let parsed;
	try {
		parsed = parseArgs({
			options: {
				yes: { type: 'boolean', short: 'y', default: false },
				help: { type: 'boolean', short: 'h', default: false }
			},
			strict: true,
			allowPositionals: true
		});
	} catch (e) {
		return { error: e instanceof Error ? e.message : String(e) };
	}
	if (parsed.values.help) return 'help';
	if (parsed.positionals.length !== 1 || parsed.positionals[0]!.trim() === '') {
		return { error: `one backup file expected, got ${parsed.positionals.length}` };
	}
	return { backup: resolve(parsed.positionals[0]!), yes: parsed.values.yes };
}

const isFile = (path: string) => existsSync(path) && statSync(path).isFile();
const isDir = (path: string) => existsSync(path) && statSync(path).isDirectory();

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
	const { backup } = opts;
	if (!isFile(backup)) {
		console.error(`错误 Error: 没有备份文件 no backup file at ${backup}\n${USAGE}`);
		return 2;
	}
	const live = liveDatabasePath();
	if (backup === live) {
		console.error(`错误 Error: 备份就是线上数据库 the backup is the live database (DATABASE_URL)`);
		return 2;
	}
	const uploads = liveUploadsDir(live);
	const backupUploads = backup.replace(/\.db$/, '') + '.uploads';
	const withPhotos = isDir(backupUploads);
	console.log(`备份 Backup: ${backup} (${size(statSync(backup).size)})`);
	console.log(`数据库 Database: ${live}`);

	// 1. The backup, checked on a copy: the check opens the file read-write (as the server would),
	// and the backup may be read-only or the only good copy there is.
	const scratch = mkdtempSync(join(tmpdir(), 'jishan-restore-'));
	let check;
	try {
		copyFileSync(backup, join(scratch, 'check.db'));
		check = await checkCopy(join(scratch, 'check.db'));
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
	if (!passed(check)) {
		console.error(`备份未通过检查，未恢复 BACKUP FAILED ITS CHECKS, nothing restored: ${backup}`);
		console.error(`  完整性 Integrity: ${check.integrity}`);
		for (const line of check.ledger.lines) console.error(`  ${line}`);
		return 1;
	}
	console.log('备份完整性 Backup integrity: ok');
	for (const line of check.ledger.lines) console.log(line);

	// 2. Nobody may be using the live database.
	if (existsSync(live) && refuseInUse(live)) return 1;

	// 3. The plan.
	const when = stamp(new Date());
	const aside = `${live}.before-restore-${when}`;
	const moves: [string, string][] = ['', '-wal', '-shm', '-journal']
		.filter((suffix) => existsSync(live + suffix))
		.map((suffix) => [live + suffix, aside + suffix]);
	if (withPhotos && existsSync(uploads)) {
		moves.push([uploads, `${uploads}.before-restore-${when}`]);
	}
	const plan = [
		...moves.map(([from, to]) => `移开 move aside ${from} → ${to}`),
		`复制 copy ${backup} → ${live}`,
		withPhotos
			? `照片 photos ${backupUploads}/ → ${uploads}/`
			: `照片 photos: 备份无照片目录，${uploads} 保持不变 the backup has no ${backupUploads}/, ${uploads} is left as it is`
	];
	if (!opts.yes) {
		console.log('将会 Would:');
		for (const line of plan) console.log(`  ${line}`);
		console.log('未作任何改动；加 --yes 执行 Nothing changed; add --yes to restore.');
		return 0;
	}

	// 4. The copy first, beside the live file (same filesystem, so putting it in place is one
	// rename), then the swap — checked for users once more, just before.
	mkdirSync(dirname(live), { recursive: true });
	const partial = `${live}.restore-${when}.partial`;
	copyFileSync(backup, partial);
	if (existsSync(live) && refuseInUse(live)) {
		rmSync(partial, { force: true });
		return 1;
	}
	for (const [from, to] of moves) {
		renameSync(from, to);
		console.log(`已移开 Moved aside: ${from} → ${to}`);
	}
	renameSync(partial, live);
	console.log(`已恢复 Restored: ${live}`);
	if (withPhotos) {
		const photos = linkTree(backupUploads, uploads);
		console.log(
			`照片 Photos: ${uploads}/ (${photos.files} 个文件 files, ${size(photos.bytes)}) from ${backupUploads}/`
		);
	} else {
		console.log(plan.at(-1));
	}

	// 5. The restored file, as the server will open it.
	const integrity = checkIntegrity(live);
	console.log(`完整性 Integrity: ${integrity}`);
	const verify =
		integrity === 'ok'
			? spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/ledger-verify.ts')], {
					cwd: ROOT,
					env: { ...process.env, DATABASE_URL: live },
					stdio: ['ignore', 'inherit', 'inherit']
				})
			: undefined;
	if (verify?.status !== 0) {
		console.error(`恢复后的数据库未通过检查 THE RESTORED DATABASE FAILED ITS CHECKS: ${live}`);
		console.error(`  原文件仍在 The previous files are still at ${aside}*`);
		return 1;
	}
	console.log(
		existsSync(aside)
			? `恢复完成 Restore done. 原数据库保留在 The previous database is kept at ${aside}`
			: '恢复完成 Restore done (there was no previous database).'
	);
	return 0;
}

/** Prints why the live database looks in use; true when it does (restore refused). */
function refuseInUse(live: string): boolean {
	const { findings, notes } = databaseInUse(live);
	for (const note of notes) console.log(`注意 Note: ${note}`);
	if (findings.length === 0) return false;
	console.error(`拒绝恢复：数据库正在使用 REFUSED: the live database is in use: ${live}`);
	for (const finding of findings) console.error(`  ${finding}`);
	console.error('  先停止服务 Stop the server first, e.g. sudo systemctl stop jishan');
	return true;
}

runMain(main, '恢复失败 RESTORE FAILED');
