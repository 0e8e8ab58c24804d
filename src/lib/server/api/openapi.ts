import { z } from 'zod';
import type { Endpoint } from './endpoint';
import { endpoints } from './registry';

const ZErrorBody = z.object({
	error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() })
});

const schemaOf = (schema: z.ZodType, io: 'input' | 'output') =>
	z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

function parametersOf(def: Endpoint) {
	const params: object[] = [];
	for (const [where, schema] of [
		['path', def.params],
		['query', def.query]
	] as const) {
		if (!schema) continue;
		const json = schemaOf(schema, 'input') as {
			properties?: Record<string, object>;
			required?: string[];
		};
		for (const [name, s] of Object.entries(json.properties ?? {})) {
			params.push({
				name,
				in: where,
				required: where === 'path' || (json.required ?? []).includes(name),
				schema: s
			});
		}
	}
	return params;
}

const errorResponse = (description: string) => ({
	description,
	content: { 'application/json': { schema: schemaOf(ZErrorBody, 'output') } }
});

/** The OpenAPI 3.1 document, built from the same zod schemas the endpoints validate with. */
export function buildOpenApi(origin: string) {
	const paths: Record<string, Record<string, object>> = {};
	for (const def of endpoints) {
		const op: Record<string, unknown> = {
			summary: def.summary,
			tags: [def.tag],
			operationId: `${def.method.toLowerCase()}${def.path
				.replace(/[{}]/g, '')
				.replace(/\/(\w)/g, (_, c: string) => c.toUpperCase())
				.replace(/[^\w]/g, '')}`,
			parameters: parametersOf(def),
			responses: {
				[String(def.status ?? 200)]: def.produces
					? { description: 'File', content: { [def.produces]: {} } }
					: {
							description: 'OK',
							content: { 'application/json': { schema: schemaOf(def.response, 'output') } }
						},
				'400': errorResponse('Invalid input'),
				...(def.auth
					? { '401': errorResponse('Not signed in'), '403': errorResponse('Not allowed') }
					: {}),
				'404': errorResponse('Not found')
			}
		};
		if (def.auth) op.security = [{ bearer: [] }, { session: [] }];
		if (def.body) {
			op.requestBody = {
				required: true,
				content: { 'application/json': { schema: schemaOf(def.body, 'input') } }
			};
		}
		if (def.method !== 'GET') {
			op.parameters = [
				...(op.parameters as object[]),
				{
					name: 'Idempotency-Key',
					in: 'header',
					required: false,
					description:
						'Replaying a request with the same key returns the first response; a different request with the same key is refused with 422.',
					schema: { type: 'string', maxLength: 200 }
				}
			];
			(op.responses as Record<string, object>)['422'] = errorResponse(
				'Idempotency key reused with a different request'
			);
		}
		paths[def.path] ??= {};
		paths[def.path]![def.method.toLowerCase()] = op;
	}
	return {
		openapi: '3.1.0',
		info: { title: '积善 Jishan API', version: '1' },
		servers: [{ url: `${origin}/api/v1` }],
		components: {
			securitySchemes: {
				bearer: { type: 'http', scheme: 'bearer', description: 'POST /auth/token' },
				session: { type: 'apiKey', in: 'cookie', name: 'session' }
			}
		},
		paths
	};
}
