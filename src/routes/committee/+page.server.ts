import { loadOrError } from '$lib/server/http/load';
import { ownVillageTarget } from '$lib/server/people/scope';
import { villageOverview } from '$lib/server/villages/village-overview';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) =>
	loadOrError(() => ({
		overview: villageOverview(locals.viewer, ownVillageTarget(locals.viewer).villageId)
	}));
