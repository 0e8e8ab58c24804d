import { loadOrError } from '$lib/server/http/load';
import { ownVillageTarget } from '$lib/server/people/scope';
import { hoursReport } from '$lib/server/teams/hours-report';
import { hoursQuery } from './query';
import type { PageServerLoad } from './$types';

/** Confirmed volunteer hours for a year or month, by team, member and month. */
export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(() => {
		const { villageId } = ownVillageTarget(locals.viewer);
		const query = hoursQuery(url);
		return { query, report: hoursReport(locals.viewer, villageId, query) };
	});
