import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/server';

/**
 * Whose code a built JS chunk is: the framework's (Svelte's runtime, SvelteKit's client and
 * Vite's preload helper), a third-party library's (by package), or the app's own (routes,
 * components, Paraglide messages, SvelteKit's generated route table). Read from Vite's manifest
 * of the build (.svelte-kit/output/client/.vite/manifest.json): a chunk's `src` names its module
 * when it has one; shared chunks carry only a `name`, that of their first module.
 */
export type Owner = 'framework' | 'app' | `library: ${string}`;

/** Chunk names (first module's file name) of Svelte's and SvelteKit's client runtime. */
const FRAMEWORK_NAMES = new Set([
	'index-client', // svelte/src/index-client.js: the runtime
	'legacy', // svelte/legacy (run(), used by the runes migration helpers)
	'client', // @sveltejs/kit/src/runtime/client/client.js
	'entry/start',
	'state', // $app/state
	'navigation', // $app/navigation
	'forms', // $app/forms
	'stores', // $app/stores
	'environment', // $app/environment
	'paths', // $app/paths
	'preload-helper' // vite/preload-helper
]);

type ManifestEntry = { file: string; name?: string; src?: string; imports?: string[] };

export function chunkOwners(): Map<string, Owner> {
	const file = join(ROOT, '.svelte-kit/output/client/.vite/manifest.json');
	const owners = new Map<string, Owner>();
	if (!existsSync(file)) return owners;
	const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, ManifestEntry>;
	const code = (entry: ManifestEntry) => {
		const path = join(ROOT, 'build/client', entry.file);
		return existsSync(path) ? readFileSync(path, 'utf8') : '';
	};
	// The two cores, recognised by their contents: Svelte's runtime links its errors to
	// svelte.dev/e/…, SvelteKit's client names itself throughout.
	const named = Object.entries(manifest).filter(([, e]) => e.name && FRAMEWORK_NAMES.has(e.name));
	const svelteCore = new Set(
		named.filter(([, e]) => /svelte\.dev\/e\//.test(code(e))).map(([k]) => k)
	);
	const kitCore = new Set(named.filter(([, e]) => /sveltekit/.test(code(e))).map(([k]) => k));
	for (const [key, entry] of Object.entries(manifest)) {
		if (!entry.file.endsWith('.js')) continue;
		const src = entry.src ?? (key.startsWith('_') ? undefined : key);
		let owner: Owner = 'app';
		if (src?.startsWith('node_modules/')) {
			const pkg = src.slice('node_modules/'.length).split('/');
			const name = pkg[0]!.startsWith('@') ? `${pkg[0]}/${pkg[1]}` : pkg[0]!;
			owner = name === 'svelte' || name === '@sveltejs/kit' ? 'framework' : `library: ${name}`;
		} else if (entry.name && FRAMEWORK_NAMES.has(entry.name)) {
			// A name alone can be an app module's too (src/lib/forms.ts is a shared chunk named
			// 'forms'): $app/* modules import SvelteKit's client; svelte/legacy is Svelte's.
			const imports = entry.imports ?? [];
			const framework =
				svelteCore.has(key) ||
				kitCore.has(key) ||
				entry.name === 'preload-helper' ||
				(entry.name === 'legacy' && imports.some((i) => svelteCore.has(i))) ||
				imports.some((i) => kitCore.has(i));
			if (framework) owner = 'framework';
		}
		owners.set(`/${entry.file}`, owner);
	}
	return owners;
}

/** A chunk the manifest doesn't name (should not happen) is counted as the app's. */
export function ownerOf(owners: Map<string, Owner>, pathname: string): Owner {
	return owners.get(pathname) ?? 'app';
}
