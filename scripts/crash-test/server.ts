import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tailOutput, waitForHealth } from '../lib/server-process';

/**
 * The production server (`node server.js` + build/) on the crash test's database, started the
 * way `npm start` runs it, so the SIGKILL lands on the real process and nothing in between.
 */
export type CrashServer = { url: string; child: ChildProcess; output: () => string };

export async function startCrashServer(options: {
	root: string;
	database: string;
	port: number;
}): Promise<CrashServer> {
	if (!existsSync(join(options.root, 'build/handler.js'))) {
		throw new Error('build/handler.js is missing: run `npm run build` first.');
	}
	const url = `http://127.0.0.1:${options.port}`;
	const child = spawn(process.execPath, ['server.js'], {
		cwd: options.root,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {
			...process.env,
			NODE_ENV: 'production',
			DATABASE_URL: options.database,
			PORT: String(options.port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			// The test seeds its own village; an empty-database demo seed must not run.
			SEED_DEMO: 'false'
		}
	});
	const output = tailOutput(child);
	await waitForHealth(child, url, output, { timeoutMs: 60_000, pollMs: 25 });
	return { url, child, output };
}

/** SIGKILL — no handler runs, nothing is flushed — and wait until the process is gone. */
export async function killServer(server: CrashServer, signal: NodeJS.Signals = 'SIGKILL') {
	const { child } = server;
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill(signal);
	await exited;
}
