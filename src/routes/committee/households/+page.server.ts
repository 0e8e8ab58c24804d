import { loadOrError } from '$lib/server/http/load';
import { listGroups } from '$lib/server/people/list-groups';
import { listHouseholds } from '$lib/server/people/list-households';
import { ZPeopleSearch } from '$lib/server/people/schemas';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(() => {
		// A hand-edited query that doesn't parse shows the plain first page rather than an error.
		const parsed = ZPeopleSearch.safeParse(Object.fromEntries(url.searchParams));
		const search = parsed.success ? parsed.data : ZPeopleSearch.parse({});
		return {
			list: listHouseholds(locals.viewer, search),
			groups: listGroups(locals.viewer, { includeInactive: true }).map((g) => ({
				id: g.id,
				name: g.name,
				active: g.active
			})),
			search: {
				q: search.q ?? '',
				tenGroupId: search.tenGroupId ?? null,
				includeInactive: search.includeInactive
			}
		};
	});
