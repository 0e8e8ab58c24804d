/** Latency summaries: every figure a benchmark prints comes through here. */
export type Summary = {
	n: number;
	p50: number;
	p90: number;
	p99: number;
	max: number;
	mean: number;
};

/** The p-th percentile (nearest rank) of an ascending array. */
export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const round = (x: number) => Math.round(x * 100) / 100;

export function summarize(samples: number[]): Summary {
	const sorted = [...samples].sort((a, b) => a - b);
	const sum = sorted.reduce((a, b) => a + b, 0);
	return {
		n: sorted.length,
		p50: round(percentile(sorted, 50)),
		p90: round(percentile(sorted, 90)),
		p99: round(percentile(sorted, 99)),
		max: round(sorted[sorted.length - 1] ?? NaN),
		mean: round(sorted.length ? sum / sorted.length : NaN)
	};
}

/** Milliseconds since `start` (a process.hrtime.bigint() reading). */
export function msSince(start: bigint): number {
	return Number(process.hrtime.bigint() - start) / 1e6;
}
