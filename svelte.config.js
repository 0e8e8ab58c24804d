import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// svelte-check types the scripts and benchmarks too (they import $lib under tsx).
		typescript: {
			config: (config) => {
				config.include.push('../scripts/**/*.ts', '../bench/**/*.ts');
			}
		},
		// Forms are the primary interface (they must work without JavaScript),
		// so SvelteKit's origin check on form posts stays on.
		csrf: { trustedOrigins: [] },
		// Everything comes from our own origin. 'auto' puts a nonce on the inline script SvelteKit
		// renders into each page. Styles keep 'unsafe-inline': app.html and some components use
		// style attributes, and Svelte transitions insert <style> elements (SvelteKit then adds no
		// style nonce, which would disable 'unsafe-inline'). 'self' covers the same-origin
		// WebSocket of Socket.IO in CSP Level 3 browsers, and the client falls back to polling.
		// data:/blob: images are ones a page builds itself. The other headers: hooks.server.ts.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'media-src': ['self', 'blob:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
