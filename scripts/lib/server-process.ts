import type { ChildProcess } from 'node:child_process';

/** Keeps the last 4,000 characters a child printed, to show when it fails to start. */
export function tailOutput(child: ChildProcess): () => string {
	let output = '';
	const keep = (c: Buffer) => (output = (output + c.toString()).slice(-4000));
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	return () => output;
}

/**
 * Waits until the server child answers GET /api/v1/health (migrations and start-up are done by
 * then). Throws with its output if it exits first, or kills it after `timeoutMs`.
 */
export async function waitForHealth(
	child: ChildProcess,
	url: string,
	output: () => string,
	options: { timeoutMs: number; pollMs: number }
): Promise<void> {
	const deadline = Date.now() + options.timeoutMs;
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`the server exited while starting:\n${output()}`);
		}
		try {
			const res = await fetch(`${url}/api/v1/health`);
			if (res.ok) return;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(
				`the server did not answer within ${options.timeoutMs / 1000} s:\n${output()}`
			);
		}
		await new Promise((r) => setTimeout(r, options.pollMs));
	}
}
