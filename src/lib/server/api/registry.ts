import type { Endpoint } from './endpoint';

/**
 * Every endpoint definition in ./endpoints/. Each domain keeps its API in its own file there;
 * the openapi document is built from this list, so a new endpoint is documented by existing.
 */
const modules = import.meta.glob<Record<string, unknown>>('./endpoints/*.ts', { eager: true });

function isEndpoint(value: unknown): value is Endpoint {
	return (
		typeof value === 'object' &&
		value !== null &&
		'method' in value &&
		'path' in value &&
		'handler' in value
	);
}

export const endpoints: Endpoint[] = Object.values(modules)
	.flatMap((mod) => Object.values(mod))
	.filter(isEndpoint)
	.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
