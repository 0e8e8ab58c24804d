import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vitest/config';
import { realtimeDevServer } from './src/lib/server/realtime/vite-plugin.js';

export default defineConfig({
	plugins: [
		tailwindcss(),
		sveltekit(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// The locale lives in a cookie (set from the language switch; Chinese otherwise, whatever
			// the browser says), so URLs stay the same in both languages and printed QR codes never
			// go stale.
			strategy: ['cookie', 'baseLocale']
		}),
		// Socket.IO on the dev server (production: server.js). Tests start their own.
		...(process.env.VITEST ? [] : [realtimeDevServer()])
	],
	server: { port: 5173 },
	test: {
		expect: { requireAssertions: true },
		include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		environment: 'node',
		setupFiles: ['tests/integration/setup-db.ts'],
		// Integration tests each open their own temporary SQLite file.
		pool: 'forks',
		testTimeout: 20_000
	}
});
