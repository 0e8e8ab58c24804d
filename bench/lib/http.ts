import http from 'node:http';
import { msSince } from './stats';

/**
 * A plain keep-alive HTTP client: fetch() (undici) adds per-request overhead of its own that
 * would be measured as the server's. `maxSockets` is the load's concurrency.
 */
export function keepAliveAgent(maxSockets: number): http.Agent {
	return new http.Agent({ keepAlive: true, maxSockets });
}

export type Reply = { status: number; body: string; ms: number };

export function request(
	agent: http.Agent,
	url: string,
	init: { method?: string; headers?: Record<string, string>; body?: string } = {}
): Promise<Reply> {
	const start = process.hrtime.bigint();
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{ agent, method: init.method ?? 'GET', headers: init.headers },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						body: Buffer.concat(chunks).toString('utf8'),
						ms: msSince(start)
					})
				);
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		req.end(init.body);
	});
}

/**
 * Closed-loop load: `concurrency` workers each send the next job as soon as their last reply
 * arrived, until all `jobs` are done. Returns the replies in job order and the wall time.
 */
export async function runJobs<T>(
	jobs: T[],
	concurrency: number,
	send: (job: T, index: number) => Promise<Reply>
): Promise<{ replies: (Reply | { status: 0; body: string; ms: number })[]; seconds: number }> {
	const replies: (Reply | { status: 0; body: string; ms: number })[] = new Array(jobs.length);
	let next = 0;
	const start = process.hrtime.bigint();
	async function worker() {
		while (next < jobs.length) {
			const i = next++;
			try {
				replies[i] = await send(jobs[i]!, i);
			} catch (error) {
				replies[i] = { status: 0, body: String(error), ms: NaN };
			}
		}
	}
	await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
	return { replies, seconds: msSince(start) / 1000 };
}
