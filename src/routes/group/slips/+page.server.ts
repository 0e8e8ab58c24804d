import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { DomainError } from '$lib/server/errors';
import { formAction } from '$lib/server/http/form';
import { zId } from '$lib/server/http/fields';
import { checkSlip } from '$lib/server/slips/check-slip';
import { listSlips } from '$lib/server/slips/list-slips';
import { loadVillage } from '$lib/server/villages/village-settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.viewer) redirect(303, '/login');
	if (locals.viewer.ledGroupIds.length === 0) redirect(303, '/');
	return {
		slips: listSlips(locals.viewer, {
			status: ['reported', 'checked', 'posted'],
			scope: 'groups'
		}),
		/** The first check exists only where the village wants two-level review. */
		twoLevel: locals.viewer.villageId ? loadVillage(locals.viewer.villageId).twoLevelReview : false
	};
};

export const actions: Actions = {
	check: ({ request, locals }) =>
		formAction(request, z.object({ id: zId }), ({ id }) => {
			if (!locals.viewer) throw new DomainError('unauthenticated');
			checkSlip(locals.viewer, id);
			return { done: true as const };
		})
};
