import { loadOrError } from '$lib/server/http/load';
import { exportHouseholds } from '$lib/server/import/export-households';
import { downloadResponse } from '$lib/server/import/write-sheet';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) =>
	loadOrError(async () => downloadResponse(await exportHouseholds(locals.viewer, 'csv')));
