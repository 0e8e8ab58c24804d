import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ROOT } from './server';

/**
 * One line of a benchmark's table: what was measured, the figure, and — where the issue sets
 * one — the target and whether this run met it. Misses are reported, never hidden.
 */
export type Row = {
	label: string;
	value: number | string;
	unit?: string;
	/** e.g. "≥ 1000", "≤ 100" — met is computed by the benchmark, which knows the direction. */
	target?: string;
	met?: boolean;
};

export type BenchResult = {
	name: string;
	title: string;
	rows: Row[];
	/** Everything else worth keeping: raw summaries, parameters, baselines. */
	details: Record<string, unknown>;
};

export function printTable(result: BenchResult): void {
	const cells = result.rows.map((r) => [
		r.label,
		`${typeof r.value === 'number' ? formatNumber(r.value) : r.value}${r.unit ? ` ${r.unit}` : ''}`,
		r.target ?? '',
		r.met === undefined ? '' : r.met ? 'ok' : 'MISSED'
	]);
	const head = ['measure', 'value', 'target', ''];
	const widths = head.map((h, i) => Math.max(width(h), ...cells.map((c) => width(c[i]!))));
	const line = (c: string[]) => c.map((x, i) => x + ' '.repeat(widths[i]! - width(x))).join('  ');
	console.log(`\n${result.title}`);
	console.log(line(head));
	console.log(widths.map((w) => '─'.repeat(w)).join('  '));
	for (const c of cells) console.log(line(c));
}

function formatNumber(x: number): string {
	if (!Number.isFinite(x)) return String(x);
	return Number.isInteger(x) ? x.toLocaleString('en-US') : x.toFixed(2);
}

/** Display width: CJK characters take two columns in a terminal. */
function width(s: string): number {
	let w = 0;
	for (const ch of s) w += /[\u1100-\uffef]/.test(ch) ? 2 : 1;
	return w;
}

function gitCommit(): string {
	try {
		return execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
	} catch {
		return 'unknown';
	}
}

/** bench/results/<name>.json: the latest run of each benchmark, with the machine it ran on. */
export function saveResult(result: BenchResult): string {
	const dir = join(ROOT, 'bench/results');
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `${result.name}.json`);
	const record = {
		...result,
		ranAt: new Date().toISOString(),
		commit: gitCommit(),
		machine: {
			node: process.version,
			cpus: os.cpus().length,
			cpuModel: os.cpus()[0]?.model ?? 'unknown',
			memoryGb: Math.round(os.totalmem() / 2 ** 30)
		}
	};
	writeFileSync(file, JSON.stringify(record, null, '\t') + '\n');
	return file;
}
