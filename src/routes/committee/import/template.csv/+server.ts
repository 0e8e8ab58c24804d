import { loadOrError } from '$lib/server/http/load';
import { importTemplate } from '$lib/server/import/template';
import { downloadResponse } from '$lib/server/import/write-sheet';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) =>
	loadOrError(async () => downloadResponse(await importTemplate(locals.viewer, 'csv')));
