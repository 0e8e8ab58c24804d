import { loadOrError } from '$lib/server/http/load';
import { ownVillageTarget } from '$lib/server/people/scope';
import { countStandingObjections } from '$lib/server/slips/count-standing-objections';
import { villageOverview } from '$lib/server/villages/village-overview';
import { loadVillage } from '$lib/server/villages/village-settings';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) =>
	loadOrError(() => {
		const villageId = ownVillageTarget(locals.viewer).villageId;
		return {
			overview: villageOverview(locals.viewer, villageId),
			standingObjections: countStandingObjections(locals.viewer, villageId),
			// The square screen's address (广场大屏) is the village code, public like the screen.
			villageCode: loadVillage(villageId).code
		};
	});
