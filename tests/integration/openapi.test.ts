import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '$lib/server/api/openapi';

const API_ROOT = 'src/routes/api/v1';
const NOT_DOCUMENTED = new Set(['/openapi.json', '/[...rest]']);

/** Every `+server.ts` under /api/v1 with the HTTP methods it exports. */
function routeFiles(dir = API_ROOT): { path: string; methods: string[] }[] {
	const out: { path: string; methods: string[] }[] = [];
	for (const name of readdirSync(dir)) {
		const full = join(dir, name);
		if (statSync(full).isDirectory()) out.push(...routeFiles(full));
		else if (name === '+server.ts') {
			const route = '/' + relative(API_ROOT, dir).split(sep).join('/');
			const source = readFileSync(full, 'utf8');
			const methods = [...source.matchAll(/export const (GET|POST|PATCH|PUT|DELETE)\b/g)].map(
				(m) => m[1]!
			);
			out.push({ path: route === '/' ? '/' : route, methods });
		}
	}
	return out;
}

/** SvelteKit's `[id]` segments are OpenAPI's `{id}`. */
const toOpenApiPath = (route: string) => route.replace(/\[(\w+)\]/g, '{$1}');

describe('/api/v1/openapi.json', () => {
	const doc = buildOpenApi('http://localhost:3000');

	it('is an OpenAPI 3.1 document with the core endpoints', () => {
		expect(doc.openapi).toBe('3.1.0');
		expect(Object.keys(doc.paths)).toEqual(
			expect.arrayContaining(['/health', '/auth/token', '/me', '/auth/tokens', '/auth/tokens/{id}'])
		);
	});

	it('documents every API route file and every method it exports', () => {
		const files = routeFiles().filter((f) => !NOT_DOCUMENTED.has(f.path));
		expect(files.length).toBeGreaterThan(3);
		for (const file of files) {
			const documented = doc.paths[toOpenApiPath(file.path)];
			expect(documented, `${file.path} is not in openapi.json`).toBeDefined();
			for (const method of file.methods) {
				expect(documented?.[method.toLowerCase()], `${method} ${file.path}`).toBeDefined();
			}
		}
	});

	it('takes request bodies from the zod schemas the endpoint validates with', () => {
		const op = doc.paths['/auth/token']?.post as {
			requestBody: { content: { 'application/json': { schema: { required: string[] } } } };
		};
		expect(op.requestBody.content['application/json'].schema.required).toEqual(
			expect.arrayContaining(['phone', 'password'])
		);
	});

	it('documents the Idempotency-Key header on mutating endpoints only', () => {
		const post = doc.paths['/auth/token']?.post as { parameters: { name: string }[] };
		const get = doc.paths['/me']?.get as { parameters: { name: string }[] };
		expect(post.parameters.map((p) => p.name)).toContain('Idempotency-Key');
		expect(get.parameters.map((p) => p.name)).not.toContain('Idempotency-Key');
	});
});
