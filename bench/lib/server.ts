import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tailOutput, waitForHealth } from '../../scripts/lib/server-process';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type ServerMetrics = {
	rssMb: number;
	peakRssMb: number;
	heapUsedMb: number;
	eventLoopDelayMs: { p50: number; p99: number; max: number; mean: number };
};

export type RunningServer = {
	url: string;
	port: number;
	database: string;
	child: ChildProcess;
	/** The server's own event-loop delay and memory since the last reset (bench/lib/probe.js). */
	metrics(): Promise<ServerMetrics>;
	resetMetrics(): Promise<void>;
	/** SIGTERM and wait for the exit. */
	stop(): Promise<void>;
};

/** A fresh directory for a benchmark's database (and uploads); removed by `cleanup()`. */
export function tempDatabase(prefix = 'jishan-bench-'): { database: string; cleanup: () => void } {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	return {
		database: join(dir, 'jishan.db'),
		cleanup: () => rmSync(dir, { recursive: true, force: true })
	};
}

let nextProbeId = 1;

/**
 * Starts the production build (`server.js` + `build/`) on `database` — migrations and, in an
 * empty database, the demo villages run at start as in `npm start` — and resolves once
 * /api/v1/health answers. `env` adds to or overrides the server's environment.
 */
export async function startServer(options: {
	database: string;
	port: number;
	env?: Record<string, string>;
	/** Print the server's output (off by default: it would interleave with the tables). */
	verbose?: boolean;
}): Promise<RunningServer> {
	if (!existsSync(join(ROOT, 'build/handler.js'))) {
		throw new Error('build/handler.js is missing: run `npm run build` first.');
	}
	const url = `http://127.0.0.1:${options.port}`;
	const child = spawn(process.execPath, ['--import', './bench/lib/probe.js', 'server.js'], {
		cwd: ROOT,
		stdio: [
			'ignore',
			options.verbose ? 'inherit' : 'pipe',
			options.verbose ? 'inherit' : 'pipe',
			'ipc'
		],
		env: {
			...process.env,
			NODE_ENV: 'production',
			DATABASE_URL: options.database,
			PORT: String(options.port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			...options.env
		}
	});
	const output = tailOutput(child);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	await waitForHealth(child, url, output, { timeoutMs: 120_000, pollMs: 200 });

	function ask<T>(type: string, answer: string): Promise<T> {
		const id = nextProbeId++;
		return new Promise((resolve, reject) => {
			const onMessage = (message: { type?: string; id?: number }) => {
				if (message?.type === answer && message.id === id) {
					child.off('message', onMessage);
					resolve(message as T);
				}
			};
			child.on('message', onMessage);
			if (!child.send({ type, id })) reject(new Error('the server has no IPC channel'));
		});
	}

	return {
		url,
		port: options.port,
		database: options.database,
		child,
		metrics: () => ask<ServerMetrics>('probe:read', 'probe:metrics'),
		resetMetrics: async () => {
			await ask('probe:reset', 'probe:reset:done');
		},
		stop: async () => {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			await exited;
		}
	};
}
