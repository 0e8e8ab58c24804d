import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './scripts/find-chromium.js';

const PORT = 4173;
const baseURL = `http://localhost:${PORT}`;
const chromium = findChromium();

export default defineConfig({
	testDir: 'tests/e2e',
	// *.spec.ts are Playwright's; *.test.ts belong to vitest.
	testMatch: '**/*.spec.ts',
	// One server, one database, two cores (shared with the server and the browser): keep the
	// tests in sequence so they don't race each other's data or the login rate limit.
	workers: 1,
	retries: 0,
	forbidOnly: !!process.env.CI,
	reporter: 'list',
	// Two cores run the server, the browser and the test runner at once; give slow moments room.
	expect: { timeout: 10_000 },
	use: {
		baseURL,
		trace: 'retain-on-failure',
		launchOptions: {
			// Playwright's own browser when installed, otherwise $CHROMIUM_PATH or a system one.
			executablePath:
				chromium.source && chromium.source !== 'playwright'
					? (chromium.path ?? undefined)
					: undefined,
			args: [
				...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				// Without these a closed network refuses many of Chromium's own connections.
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
	webServer: {
		// The build is done beforehand (scripts/test-all.js); this serves it on a fresh database.
		command: 'node scripts/e2e-server.js',
		env: { E2E_PORT: String(PORT) },
		url: `${baseURL}/api/v1/health`,
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'pipe',
		// Lets scripts/e2e-server.js delete its temporary database.
		gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 }
	}
});
