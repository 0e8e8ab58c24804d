import { DomainError } from '$lib/server/errors';
import { loadOrError } from '$lib/server/http/load';
import { getTeamRating } from '$lib/server/teams/get-team-rating';
import { publicTeam } from '$lib/server/teams/list-teams';
import type { PageServerLoad } from './$types';

/** A team's public page: counts and hours only, no names. */
export const load: PageServerLoad = ({ locals, params }) =>
	loadOrError(() => {
		const id = Number(params.id);
		if (!Number.isSafeInteger(id) || id <= 0) throw new DomainError('not_found');
		const now = new Date();
		const { villageId, ...team } = publicTeam(id, now);
		return {
			team,
			rating: getTeamRating(id, now),
			/** A villager of the team's village can apply from their volunteering page. */
			canApply: locals.viewer?.villageId === villageId && locals.viewer.memberId !== null
		};
	});
