import { listAccounts } from '$lib/server/accounts/list-accounts';
import { loadOrError } from '$lib/server/http/load';
import { ownVillageTarget } from '$lib/server/people/scope';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(() => ({
		list: listAccounts(locals.viewer, ownVillageTarget(locals.viewer).villageId, {
			q: url.searchParams.get('q'),
			page: url.searchParams.get('page') ?? undefined
		}),
		q: url.searchParams.get('q') ?? '',
		selfId: locals.viewer?.userId ?? null
	}));
