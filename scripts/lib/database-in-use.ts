/**
 * Is another process using the live database? Restore must not swap the files under a running
 * server: it would keep writing to the old file (its open descriptors follow the move) and the
 * restored data would be overwritten or lost. SQLite can't say for certain, so two checks:
 *
 * 1. Open files (Linux /proc): any process that has the database, its -wal or its -shm open —
 *    a running server, a `sqlite3` shell, a `cp`. Detects a process as soon as it opened the
 *    file, whatever it does with it. Does not see processes of other users when not run as root
 *    or as that user (their /proc/<pid>/fd can't be read — counted and reported), processes on
 *    another machine sharing the file over the network, or anything on a system without /proc.
 *
 * 2. The SQLite lock: in WAL mode every connection keeps a SHARED lock on the database file from
 *    its first statement until it closes, even between transactions (that is how SQLite stops
 *    anyone from leaving WAL mode under it). With `locking_mode = EXCLUSIVE`, `BEGIN EXCLUSIVE`
 *    must take the EXCLUSIVE lock on the file before it opens the WAL, so it fails with
 *    SQLITE_BUSY while any other connection, idle or not, in any process, has the file open —
 *    the server opens it at start-up (journal_mode = WAL is a statement) and holds it until it
 *    exits. A plain `BEGIN EXCLUSIVE` in WAL mode would only take the WAL write lock and so
 *    would not see idle readers. The probe opens a temporary hard link to the database: POSIX
 *    locks belong to the file, not the name, so it meets the same locks, while SQLite looks for
 *    `<link>-wal` and never reads, checkpoints or deletes the live -wal/-shm — the probe
 *    changes nothing. Does not detect a process that opened the file without running a
 *    statement yet, nor connections over network filesystems whose locks don't work; and it
 *    can't run on a file that is not a readable database (the case of a damaged one), which
 *    leaves check 1.
 *
 * Neither stops a server from starting after the check: stop the service first (docs/deploy.md).
 */
import Database from 'better-sqlite3';
import { linkSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type InUse = { findings: string[]; notes: string[] };

/** Processes other than this one holding any of `files` open, from /proc. */
function openBy(files: string[]): InUse {
	const findings: string[] = [];
	const notes: string[] = [];
	let pids: string[];
	try {
		pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid);
	} catch {
		return { findings, notes: ['无 /proc：未检查打开的文件 no /proc: open files not checked'] };
	}
	let unreadable = 0;
	for (const pid of pids) {
		let fds: string[];
		try {
			fds = readdirSync(`/proc/${pid}/fd`);
		} catch (e) {
			// Gone meanwhile (ENOENT), or another user's process (EACCES).
			if ((e as NodeJS.ErrnoException).code === 'EACCES') unreadable++;
			continue;
		}
		const held = new Set<string>();
		for (const fd of fds) {
			try {
				const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
				if (files.includes(target)) held.add(target);
			} catch {
				// closed meanwhile
			}
		}
		if (held.size > 0) {
			let command = '';
			try {
				command = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
					.replace(/[\0\s]+/g, ' ')
					.trim()
					.slice(0, 120);
			} catch {
				// exited meanwhile: the pid is enough
			}
			findings.push(
				`进程 process ${pid}${command ? ` (${command})` : ''} 打开了 has open: ${[...held].join(', ')}`
			);
		}
	}
	if (unreadable > 0) {
		notes.push(
			`${unreadable} 个其他用户的进程无法检查 processes of other users could not be checked (run as root or as the server's user)`
		);
	}
	return { findings, notes };
}

/** The SQLite lock probe (see above), through a temporary hard link beside the database. */
function lockedBySqlite(database: string): InUse {
	const link = `${database}.restore-probe-${process.pid}`;
	try {
		linkSync(database, link);
	} catch (e) {
		return {
			findings: [],
			notes: [`未检查锁 lock not checked: ${e instanceof Error ? e.message : String(e)}`]
		};
	}
	try {
		// No busy wait: a lock held now is the answer.
		const probe = new Database(link, { fileMustExist: true, timeout: 0 });
		try {
			probe.pragma('locking_mode = EXCLUSIVE');
			probe.exec('BEGIN EXCLUSIVE');
			probe.exec('ROLLBACK');
			return { findings: [], notes: [] };
		} finally {
			probe.close();
		}
	} catch (e) {
		const code = (e as { code?: string }).code;
		if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
			return {
				findings: [`数据库被另一个连接锁定 the database is locked by another connection (${code})`],
				notes: []
			};
		}
		return {
			findings: [],
			notes: [`未检查锁 lock not checked: ${e instanceof Error ? e.message : String(e)}`]
		};
	} finally {
		rmSync(link, { force: true });
		rmSync(`${link}-wal`, { force: true });
		rmSync(`${link}-shm`, { force: true });
		rmSync(`${link}-journal`, { force: true });
	}
}

/** Both checks on a database that exists; `findings` empty means nothing was detected. */
export function databaseInUse(database: string): InUse {
	// /proc shows the real path: follow symbolic links to the directory and the file.
	const real = join(realpathSync(dirname(database)), basename(database));
	const file = (() => {
		try {
			return realpathSync(real);
		} catch {
			return real;
		}
	})();
	const files = openBy([file, `${real}-wal`, `${real}-shm`]);
	const lock = lockedBySqlite(database);
	return {
		findings: [...files.findings, ...lock.findings],
		notes: [...files.notes, ...lock.notes]
	};
}
