import { can } from '$lib/server/permissions';
import { careTarget } from '$lib/server/care/care-target';
import { listWorklist } from '$lib/server/care/list-worklist';
import { loadOrError } from '$lib/server/http/load';
import { ownVillageTarget } from '$lib/server/people/scope';
import type { PageServerLoad } from './$types';

/** The care worklist for the committee and the 巡访关爱 team: who to visit this week. */
export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(() => {
		const { villageId } = ownVillageTarget(locals.viewer);
		const team = Number(url.searchParams.get('team'));
		const recorded = Number(url.searchParams.get('recorded'));
		return {
			worklist: listWorklist(locals.viewer, villageId, {
				teamId: Number.isSafeInteger(team) && team > 0 ? team : null
			}),
			recorded: Number.isSafeInteger(recorded) && recorded > 0 ? recorded : null,
			manages: can(locals.viewer, 'care:manage', careTarget(villageId))
		};
	});
