import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

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
	let output = '';
	const keep = (c: Buffer) => (output = (output + c.toString()).slice(-4000));
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);

	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`the server exited while starting:\n${output}`);
		}
		try {
			const res = await fetch(`${url}/api/v1/health`);
			if (res.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`the server did not answer within 60 s:\n${output}`);
		}
		await new Promise((r) => setTimeout(r, 25));
	}
	return { url, child, output: () => output };
}

/** SIGKILL — no handler runs, nothing is flushed — and wait until the process is gone. */
export async function killServer(server: CrashServer, signal: NodeJS.Signals = 'SIGKILL') {
	const { child } = server;
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill(signal);
	await exited;
}
