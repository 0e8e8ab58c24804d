#!/usr/bin/env node
// Finds a Chromium for the end-to-end tests, in this order:
//   1. $CHROMIUM_PATH
//   2. Playwright's own browser (after `npx playwright install chromium`)
//   3. a system Chromium (Debian's `chromium` package, Ubuntu's, or Google Chrome)
// Playwright cannot download its browsers on every machine (e.g. closed CI networks), so the
// system browser is a first-class fallback. Run as a script it prints what it found and exits
// 1 when there is nothing.
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const SYSTEM_PATHS = [
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome',
	'/usr/bin/google-chrome-stable'
];

export const INSTALL_HINT = [
	'No Chromium found for the end-to-end tests. Install one of:',
	'  Debian/Ubuntu:  apt-get install -y chromium fonts-noto-cjk',
	"  any OS:         npx playwright install chromium   (Playwright's own build)",
	'or point CHROMIUM_PATH at an existing Chromium/Chrome executable.'
].join('\n');

/** @param {string} file */
function isExecutable(file) {
	try {
		accessSync(file, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/** Where Playwright's own Chromium is (or would be) installed; null if Playwright isn't. */
function playwrightChromiumPath() {
	const require = createRequire(import.meta.url);
	for (const pkg of ['playwright-core', '@playwright/test']) {
		try {
			return /** @type {{ chromium: { executablePath(): string } }} */ (
				require(pkg)
			).chromium.executablePath();
		} catch {
			// package missing (e.g. before `npm ci`) or no build for this platform: try the next
		}
	}
	return null;
}

/**
 * @param {{ quiet?: boolean }} [options] quiet: don't print the install hint when nothing is found
 * @returns {{ path: string | null, source: 'env' | 'playwright' | 'system' | null }}
 */
export function findChromium({ quiet = false } = {}) {
	const fromEnv = process.env.CHROMIUM_PATH;
	if (fromEnv) {
		if (isExecutable(fromEnv)) return { path: fromEnv, source: 'env' };
		console.warn(`CHROMIUM_PATH=${fromEnv} is not an executable file; looking elsewhere.`);
	}

	const own = playwrightChromiumPath();
	if (own && isExecutable(own)) return { path: own, source: 'playwright' };

	const system = SYSTEM_PATHS.find(isExecutable);
	if (system) return { path: system, source: 'system' };

	if (!quiet) console.error(INSTALL_HINT);
	return { path: null, source: null };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const found = findChromium({ quiet: process.argv.includes('--quiet') });
	console.log(JSON.stringify(found));
	process.exit(found.path ? 0 : 1);
}
