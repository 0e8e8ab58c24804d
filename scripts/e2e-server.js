// Started by Playwright (playwright.config.ts `webServer`): runs the production build
// (`npm run build` must have run) against a fresh, throw-away SQLite database.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = process.env.E2E_PORT ?? '4173';
const dir = mkdtempSync(join(tmpdir(), 'jishan-e2e-'));

const child = spawn(process.execPath, ['server.js'], {
	cwd: root,
	stdio: 'inherit',
	env: {
		...process.env,
		DATABASE_URL: join(dir, 'jishan.db'),
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
	process.exit(code ?? (signal ? 0 : 1));
});
