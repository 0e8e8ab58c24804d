import { loadOrError } from '$lib/server/http/load';
import { villageTime } from '$lib/server/ledger/display';
import { listExpiries } from '$lib/server/ledger/list-expiries';
import { ownVillageTarget } from '$lib/server/people/scope';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) =>
	loadOrError(() => {
		const expiries = listExpiries(locals.viewer, ownVillageTarget(locals.viewer).villageId);
		return {
			expiries: {
				...expiries,
				// Shown in village time wherever the server runs.
				recent: expiries.recent.map((r) => ({ ...r, expiredAt: villageTime(r.expiredAt) }))
			}
		};
	});
