import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Forms are the primary interface (they must work without JavaScript),
		// so SvelteKit's origin check on form posts stays on.
		csrf: { trustedOrigins: [] }
	}
};

export default config;
