// Started by Playwright (playwright.config.ts `webServer`): runs the production build
// (`npm run build` must have run) against a fresh, throw-away SQLite database.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = process.env.E2E_PORT ?? '4173';
const dir = mkdtempSync(join(tmpdir(), 'jishan-e2e-'));
const database = join(dir, 'jishan.db');
// Where browser tests find this run's database, to move time along (e.g. end a 公示 period):
// tests/e2e/e2e-db.ts reads it.
const pointer = join(tmpdir(), `jishan-e2e-${port}.json`);
writeFileSync(pointer, JSON.stringify({ database }));

const child = spawn(process.execPath, ['server.js'], {
	cwd: root,
	stdio: 'inherit',
	env: {
		...process.env,
		DATABASE_URL: database,
		// Credit slips whose 公示 has ended every second rather than every minute.
		SLIP_CREDIT_INTERVAL_MS: '1000',
		PORT: port,
		NODE_ENV: 'production',
		// adapter-node needs the origin for SvelteKit's CSRF check on form posts.
		ORIGIN: `http://localhost:${port}`
	}
});

// Playwright (gracefulShutdown) and Ctrl-C signal the whole process group, so the server gets
// the signal itself; a SIGTERM aimed at this process alone is passed on. Either way we stay
// alive until the server is gone, to delete the database.
process.on('SIGTERM', () => child.kill('SIGTERM'));
process.on('SIGINT', () => {});

child.on('exit', (code, signal) => {
	rmSync(dir, { recursive: true, force: true });
	rmSync(pointer, { force: true });
	process.exit(code ?? (signal ? 0 : 1));
});
