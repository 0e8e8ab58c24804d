// `npm test`: every check, in order, stopping at the first failure with its exit code.
// The Paraglide messages (src/lib/paraglide) need no separate step: the Vite plugin compiles
// them in both vitest and `vite build`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findChromium, INSTALL_HINT } from './find-chromium.js';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));

/** @type {{ name: string, run: () => number }[]} */
const steps = [
	{ name: 'svelte-kit sync', run: () => exec('npx', ['--no', 'svelte-kit', 'sync']) },
	{ name: 'messages (paraglide)', run: () => exec('npm', ['run', 'i18n']) },
	{
		name: 'types (svelte-check)',
		run: () =>
			exec('npx', ['--no', 'svelte-check', '--tsconfig', './tsconfig.json', '--threshold', 'error'])
	},
	{ name: 'lint (prettier + eslint)', run: () => exec('npm', ['run', 'lint']) },
	{ name: 'unit + integration tests (vitest)', run: () => exec('npx', ['--no', 'vitest', 'run']) },
	{ name: 'production build', run: () => exec('npm', ['run', 'build']) },
	// SIGKILLs the freshly built server 10 times under load (npm run test:crash does 100).
	{
		name: 'crash safety (short)',
		run: () => exec('npm', ['run', 'test:crash', '--', '--kills', '10'])
	},
	{
		name: 'find Chromium',
		run: () => {
			const found = findChromium({ quiet: true });
			if (!found.path) {
				console.error(INSTALL_HINT);
				return 1;
			}
			console.log(`${found.path} (${found.source})`);
			return 0;
		}
	},
	{ name: 'end-to-end tests (playwright)', run: () => exec('npx', ['--no', 'playwright', 'test']) }
];

/**
 * @param {string} command
 * @param {string[]} args
 */
function exec(command, args) {
	const result = spawnSync(command, args, { stdio: 'inherit' });
	if (result.error) {
		console.error(result.error.message);
		return 1;
	}
	return result.status ?? 1;
}

const started = Date.now();
/** @type {string[]} */
const timings = [];
const seconds = (/** @type {number} */ since) => `${Math.round((Date.now() - since) / 1000)}s`;

for (const [i, step] of steps.entries()) {
	console.log(`\n━━━ [${i + 1}/${steps.length}] ${step.name} ━━━`);
	const stepStarted = Date.now();
	const code = step.run();
	timings.push(`${step.name} ${seconds(stepStarted)}`);
	if (code !== 0) {
		console.error(
			`\n✘ npm test FAILED at step ${i + 1}/${steps.length} "${step.name}" (exit ${code}) after ${seconds(started)}`
		);
		process.exit(code);
	}
}

console.log(
	`\n✔ npm test passed: ${steps.length} steps in ${seconds(started)} (${timings.join(', ')})`
);
