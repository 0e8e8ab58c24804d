import { loadOrError } from '$lib/server/http/load';
import { ownVillageTarget } from '$lib/server/people/scope';
import { shanghaiMonth } from '$lib/server/shop/month';
import { getMonthlyReport } from '$lib/server/shop/report/get-monthly-report';
import type { PageServerLoad } from './$types';

/** The shop's monthly report for the viewer's village (?month=YYYY-MM; default this month). */
export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(() => {
		const village = ownVillageTarget(locals.viewer);
		const now = new Date();
		return {
			report: getMonthlyReport(
				locals.viewer,
				village.villageId,
				{ month: url.searchParams.get('month') ?? undefined },
				now
			),
			thisMonth: shanghaiMonth(now).label
		};
	});
