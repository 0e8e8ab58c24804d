/**
 * Vitest setup file: gives every test file its own fresh SQLite database with the current
 * migrations applied. DATABASE_URL must be set before anything imports $lib/server/db, which
 * opens the file at import time — hence the dynamic imports below.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'jishan-test-'));
process.env.DATABASE_URL = join(dir, 'test.db');
// Tests seed what they need; a test that wants the demo villages calls seedDemo itself.
process.env.SEED_DEMO = 'false';
// The product fsyncs every commit (synchronous=FULL, docs/durability.md); these tests don't test
// power cuts, and thousands of commits each would only slow the suite down.
process.env.SQLITE_SYNCHRONOUS ??= 'NORMAL';

const { sqlite } = await import('$lib/server/db');
const { applyMigrations } = await import('$lib/server/db/migrate');
applyMigrations();

afterAll(() => {
	sqlite.close();
	rmSync(dir, { recursive: true, force: true });
});
