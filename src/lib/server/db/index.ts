import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { markKeyActed } from './idempotent-request';
import * as schema from './schema';
import { withStatementCache } from './statement-cache';

/** DATABASE_URL is a file path (or "file:" URL) of the embedded SQLite database. */
export function databasePath(): string {
	const url = process.env.DATABASE_URL ?? 'data/jishan.db';
	return resolve(url.replace(/^file:/, ''));
}

/**
 * SQLite's synchronous level. FULL unless the operator sets SQLITE_SYNCHRONOUS=NORMAL: in WAL
 * mode NORMAL loses no commit when the process is killed, but a power cut — frequent in village
 * offices — can take the last acknowledged credits with it; FULL fsyncs the WAL at every commit,
 * so what a villager was shown as credited stays credited. Measured cost (`npm run bench --
 * durability`, docs/durability.md): one fsync per commit, 0.1–4 ms on the development VM, so
 * 0.57× to 0.10× of NORMAL's credits per second — at worst still ~300 credits/s. NORMAL is for
 * a server whose storage survives a power cut on its own (UPS, battery-backed cache) or that
 * needs the write rate more than the last seconds of writes.
 */
export function synchronousLevel(env = process.env.SQLITE_SYNCHRONOUS): 'FULL' | 'NORMAL' {
	const level = (env ?? 'FULL').trim().toUpperCase();
	if (level !== 'FULL' && level !== 'NORMAL') {
		throw new Error(`SQLITE_SYNCHRONOUS must be FULL or NORMAL, not "${env}"`);
	}
	return level;
}

function open(path: string) {
	mkdirSync(dirname(path), { recursive: true });
	const sqlite = new Database(path);
	// WAL lets readers run beside the single writer and needs one fsync per commit (at FULL).
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma(`synchronous = ${synchronousLevel()}`);
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	return sqlite;
}

export const sqlite = open(databasePath());
export const db = drizzle(withStatementCache(sqlite), { schema, casing: 'snake_case' });
export type DB = typeof db;
/** The transaction handle passed to `db.transaction` callbacks. */
export type Tx = Parameters<Parameters<DB['transaction']>[0]>[0];

/**
 * Runs `fn` in one synchronous IMMEDIATE transaction: the write lock is taken up front, so a
 * read-then-write can't fail with SQLITE_BUSY halfway. `fn` must not await.
 */
export function write<T>(fn: (tx: Tx) => T): T {
	return db.transaction(
		(tx) => {
			const result = fn(tx);
			// An API request with an Idempotency-Key: its key is marked done in this same commit.
			markKeyActed(tx);
			return result;
		},
		{ behavior: 'immediate' }
	);
}
