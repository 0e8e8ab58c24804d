import { getHonourRoll } from '$lib/server/honour/get-honour-roll';
import { loadOrError } from '$lib/server/http/load';
import { listPublicVillages } from '$lib/server/rules/list-public-villages';
import { loadVillage } from '$lib/server/villages/village-settings';
import type { PageServerLoad } from './$types';

/**
 * The public 光荣榜: /honour?village=<code>&period=month|year&group=<id> for anyone (names
 * masked); a signed-in villager sees their own village's without the parameter. Printable.
 */
export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(() => {
		const param = url.searchParams.get('village')?.trim().slice(0, 40);
		const villageId = locals.viewer?.villageId ?? null;
		const code = param || (villageId !== null ? loadVillage(villageId).code : null);
		if (!code) return { roll: null, villages: listPublicVillages() };
		// Links build these; anything else falls back to the village's monthly roll.
		const period = url.searchParams.get('period') === 'year' ? 'year' : 'month';
		const group = url.searchParams.get('group');
		return {
			roll: getHonourRoll(
				locals.viewer,
				{ code },
				{ period, group: group && /^\d{1,9}$/.test(group) ? Number(group) : undefined }
			),
			villages: []
		};
	});
