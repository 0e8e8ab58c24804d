import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';

/** DATABASE_URL is a file path (or "file:" URL) of the embedded SQLite database. */
export function databasePath(): string {
	const url = process.env.DATABASE_URL ?? 'data/jishan.db';
	return resolve(url.replace(/^file:/, ''));
}

function open(path: string) {
	mkdirSync(dirname(path), { recursive: true });
	const sqlite = new Database(path);
	// WAL lets readers run beside the single writer; NORMAL sync in WAL mode never loses a
	// committed transaction when the process dies (kill -9), only on power loss.
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	return sqlite;
}

export const sqlite = open(databasePath());
export const db = drizzle(sqlite, { schema, casing: 'snake_case' });
export type DB = typeof db;
/** The transaction handle passed to `db.transaction` callbacks. */
export type Tx = Parameters<Parameters<DB['transaction']>[0]>[0];

/**
 * Runs `fn` in one synchronous IMMEDIATE transaction: the write lock is taken up front, so a
 * read-then-write can't fail with SQLITE_BUSY halfway. `fn` must not await.
 */
export function write<T>(fn: (tx: Tx) => T): T {
	return db.transaction(fn, { behavior: 'immediate' });
}
