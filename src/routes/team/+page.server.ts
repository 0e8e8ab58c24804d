import { loadOrError } from '$lib/server/http/load';
import { ownVillageTarget } from '$lib/server/people/scope';
import { ledTeams } from '$lib/server/teams/led-teams';
import { searchDirectory } from '$lib/server/villages/search-directory';
import type { PageServerLoad } from './$types';

/** The team leader's home: the teams they lead; find villagers and households by name or 户号. */
export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(() => ({
		teams: ledTeams(locals.viewer),
		directory: searchDirectory(locals.viewer, ownVillageTarget(locals.viewer).villageId, {
			q: url.searchParams.get('q'),
			page: url.searchParams.get('page') ?? undefined
		})
	}));
