import { loadOrError } from '$lib/server/http/load';
import { listPublicVillages } from '$lib/server/rules/list-public-villages';
import { listTeams } from '$lib/server/teams/list-teams';
import { loadVillage } from '$lib/server/villages/village-settings';
import type { PageServerLoad } from './$types';

/** The public list of a village's volunteer teams: /teams?village=<code>, or the viewer's own. */
export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(() => {
		const param = url.searchParams.get('village')?.trim().slice(0, 40);
		const villageId = locals.viewer?.villageId ?? null;
		const code = param || (villageId !== null ? loadVillage(villageId).code : null);
		if (!code) return { list: null, villages: listPublicVillages() };
		return { list: listTeams(code), villages: [] };
	});
