import { loadOrError } from '$lib/server/http/load';
import { listPolls, pollVillage } from '$lib/server/polls/list-polls';
import { listPublicVillages } from '$lib/server/rules/list-public-villages';
import type { PageServerLoad } from './$types';

/**
 * 征求意见: a village's open polls and the results of closed ones. Public (?village=<code>
 * without an account, like the notice board); a villager sees their own village's by default,
 * with their household's current vote.
 */
export const load: PageServerLoad = ({ locals, url }) => {
	const code = url.searchParams.get('village')?.trim().slice(0, 40);
	const viewer = locals.viewer;
	if (!code && !viewer?.villageId) return { list: null, villages: listPublicVillages() };
	return loadOrError(() => ({
		list: listPolls(
			viewer,
			code ? pollVillage({ code }) : pollVillage({ id: viewer!.villageId! }),
			{ onBehalfOfMemberId: locals.actingFor?.memberId ?? null }
		),
		villages: []
	}));
};
