import { listEvents } from '$lib/server/events/list-events';
import { loadOrError } from '$lib/server/http/load';
import { can } from '$lib/server/permissions';
import { listPublicVillages } from '$lib/server/rules/list-public-villages';
import { loadVillage } from '$lib/server/villages/village-settings';
import type { PageServerLoad } from './$types';

/**
 * 睦邻活动: a village's events of one month, as a list and a month calendar. Public
 * (/events?village=<code>); a signed-in villager sees their own village without the parameter.
 */
export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(() => {
		const param = url.searchParams.get('village')?.trim().slice(0, 40);
		const villageId = locals.viewer?.villageId ?? null;
		const code = param || (villageId !== null ? loadVillage(villageId).code : null);
		if (!code) return { list: null, villages: listPublicVillages(), canCreate: false };
		const month = url.searchParams.get('month') ?? undefined;
		const list = listEvents(
			code,
			month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : undefined
		);
		return {
			list,
			villages: [],
			canCreate: can(locals.viewer, 'events:create', {
				kind: 'village',
				villageId: list.village.id
			})
		};
	});
