import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * The e2e server's own SQLite file (scripts/e2e-server.js writes where it is), for the few
 * things a browser test can't wait for — like the end of a 7-day 公示 period.
 */
function databasePath(): string {
	const port = process.env.E2E_PORT ?? '4173';
	const pointer = join(tmpdir(), `jishan-e2e-${port}.json`);
	return (JSON.parse(readFileSync(pointer, 'utf8')) as { database: string }).database;
}

/** Ends a posted slip's notice period a minute ago; the server's credit timer does the rest. */
export function endNoticePeriod(slipId: number): void {
	const db = new Database(databasePath(), { timeout: 10_000 });
	try {
		const { changes } = db
			.prepare("update deposit_slips set notice_ends_at = ? where id = ? and status = 'posted'")
			.run(Date.now() - 60_000, slipId);
		if (changes !== 1) throw new Error(`slip ${slipId} is not on the notice board`);
	} finally {
		db.close();
	}
}
