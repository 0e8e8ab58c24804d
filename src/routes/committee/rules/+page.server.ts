import { redirect } from '@sveltejs/kit';
import { formAction } from '$lib/server/http/form';
import { loadOrError } from '$lib/server/http/load';
import { ownVillageTarget } from '$lib/server/people/scope';
import { createDraft } from '$lib/server/rules/create-draft';
import { listVersions } from '$lib/server/rules/list-versions';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) =>
	loadOrError(() => ({
		versions: listVersions(locals.viewer, ownVillageTarget(locals.viewer).villageId)
	}));

export const actions: Actions = {
	draft: (event) =>
		formAction(event.request, z.object({}), () => {
			const draft = createDraft(event.locals.viewer);
			redirect(303, `/committee/rules/${draft.id}`);
		})
};
