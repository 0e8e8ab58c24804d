import { json } from '@sveltejs/kit';
import { buildOpenApi } from '$lib/server/api/openapi';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) => json(buildOpenApi(url.origin));
