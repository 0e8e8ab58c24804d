import { redirect } from '@sveltejs/kit';
import { formAction } from '$lib/server/http/form';
import { loadOrError } from '$lib/server/http/load';
import { createHousehold } from '$lib/server/people/create-household';
import { listGroups } from '$lib/server/people/list-groups';
import { ZHouseholdFields } from '$lib/server/people/schemas';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) =>
	loadOrError(() => ({
		groups: listGroups(locals.viewer).map((g) => ({ id: g.id, name: g.name }))
	}));

export const actions: Actions = {
	default: (event) =>
		formAction(event.request, ZHouseholdFields, (input) => {
			const household = createHousehold(event.locals.viewer, input);
			redirect(303, `/committee/households/${household.id}`);
		})
};
