import { exportCoverage } from '$lib/server/care/export-coverage';
import { loadOrError } from '$lib/server/http/load';
import { downloadResponse } from '$lib/server/import/write-sheet';
import { ownVillageTarget } from '$lib/server/people/scope';
import type { RequestHandler } from './$types';

/** The month's care visits and coverage as .xlsx (committee only: real names and notes). */
export const GET: RequestHandler = ({ locals, url }) =>
	loadOrError(async () => {
		const { villageId } = ownVillageTarget(locals.viewer);
		const month = url.searchParams.get('month');
		return downloadResponse(await exportCoverage(locals.viewer, villageId, { month }));
	});
