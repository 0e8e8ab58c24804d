/**
 * `npm run bench` — every benchmark against a fresh production build, one after the other (two
 * cores: running them together would measure each other). Prints a table per benchmark and
 * writes bench/results/<name>.json.
 *
 *   npm run bench                    # build, then all benchmarks
 *   npm run bench -- ledger checkin  # only these
 *   npm run bench -- --quick         # small sizes: checks the benchmarks work, figures not quotable
 *   npm run bench -- --no-build      # reuse build/ as it is
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import type { Benchmark } from './lib/benchmark';
import { printTable, saveResult } from './lib/report';
import { ROOT } from './lib/server';

const ALL = ['checkin', 'fanout', 'ledger', 'redemption', 'pageweight', 'durability'] as const;

const { values, positionals } = parseArgs({
	options: {
		quick: { type: 'boolean', default: false },
		'no-build': { type: 'boolean', default: false }
	},
	allowPositionals: true
});

const unknown = positionals.filter((p) => !(ALL as readonly string[]).includes(p));
if (unknown.length > 0) {
	console.error(`unknown benchmark: ${unknown.join(', ')} (known: ${ALL.join(', ')})`);
	process.exit(2);
}
const chosen = positionals.length > 0 ? ALL.filter((n) => positionals.includes(n)) : [...ALL];

if (!values['no-build']) {
	console.log('building (vite build)…');
	const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
	if (build.status !== 0) process.exit(build.status ?? 1);
}

let missed = 0;
for (const name of chosen) {
	const bench = (await import(`./${name}.ts`)).default as Benchmark;
	console.log(`\n━━━ ${bench.title}${values.quick ? ' (quick)' : ''} ━━━`);
	const started = Date.now();
	// Each benchmark has its own ports, whichever others run with it.
	const result = await bench.run({ quick: values.quick, port: 4300 + ALL.indexOf(name) * 10 });
	printTable(result);
	missed += result.rows.filter((r) => r.met === false).length;
	const file = saveResult(values.quick ? { ...result, name: `${result.name}.quick` } : result);
	console.log(`(${Math.round((Date.now() - started) / 1000)} s; ${file.slice(ROOT.length)})`);
}

// Targets are aims, not assertions: a miss is reported in the table and counted here, and the
// command still exits 0 so the figures are always written.
console.log(`\n${chosen.length} benchmarks run; ${missed} targets missed (see MISSED above).`);
