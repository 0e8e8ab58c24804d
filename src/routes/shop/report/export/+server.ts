import { loadOrError } from '$lib/server/http/load';
import { downloadResponse } from '$lib/server/import/write-sheet';
import { ownVillageTarget } from '$lib/server/people/scope';
import { exportMonthlyReport } from '$lib/server/shop/report/export-monthly-report';
import type { RequestHandler } from './$types';

/** The monthly report as an .xlsx (?month=YYYY-MM), one sheet per section of the page. */
export const GET: RequestHandler = ({ locals, url }) =>
	loadOrError(async () => {
		const village = ownVillageTarget(locals.viewer);
		return downloadResponse(
			await exportMonthlyReport(locals.viewer, village.villageId, {
				month: url.searchParams.get('month') ?? undefined
			})
		);
	});
