import { loadOrError } from '$lib/server/http/load';
import { listPublicVillages } from '$lib/server/rules/list-public-villages';
import { listNotice } from '$lib/server/slips/list-notice';
import { loadVillage } from '$lib/server/villages/village-settings';
import type { PageServerLoad } from './$types';

/**
 * The public 公示 board: /notice?village=<code> for anyone (names masked); a signed-in villager
 * sees their own village's without the parameter. Printable as the notice sheet.
 */
export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(() => {
		const param = url.searchParams.get('village')?.trim().slice(0, 40);
		const villageId = locals.viewer?.villageId ?? null;
		const code = param || (villageId !== null ? loadVillage(villageId).code : null);
		if (!code) return { board: null, villages: listPublicVillages() };
		return { board: listNotice(code), villages: [] };
	});
