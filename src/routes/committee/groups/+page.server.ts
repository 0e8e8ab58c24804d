import { redirect } from '@sveltejs/kit';
import { formAction } from '$lib/server/http/form';
import { loadOrError } from '$lib/server/http/load';
import { createGroup } from '$lib/server/people/create-group';
import { listGroups } from '$lib/server/people/list-groups';
import { ZGroupFields, ZGroupSearch } from '$lib/server/people/schemas';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(() => {
		const parsed = ZGroupSearch.safeParse(Object.fromEntries(url.searchParams));
		const includeInactive = parsed.success && parsed.data.includeInactive;
		return { groups: listGroups(locals.viewer, { includeInactive }), includeInactive };
	});

export const actions: Actions = {
	create: ({ request, locals }) =>
		formAction(request, ZGroupFields, (input) => {
			const group = createGroup(locals.viewer, input);
			redirect(303, `/committee/groups/${group.id}`);
		})
};
