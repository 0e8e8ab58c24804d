import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { DomainError } from '$lib/server/errors';
import { formAction } from '$lib/server/http/form';
import { zId } from '$lib/server/http/fields';
import { approveSlip, approveSlips } from '$lib/server/slips/approve-slip';
import { listSlips } from '$lib/server/slips/list-slips';
import { rejectSlip } from '$lib/server/slips/reject-slip';
import { ZApproveSlips, ZRejectSlip } from '$lib/server/slips/schemas';
import { loadVillage } from '$lib/server/villages/village-settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.viewer) redirect(303, '/login');
	return {
		slips: listSlips(locals.viewer, { status: ['reported', 'checked'], scope: 'village' }),
		/** Without two-level review a reported slip goes straight to the committee. */
		approvable: locals.viewer.villageId
			? loadVillage(locals.viewer.villageId).twoLevelReview
				? ['checked']
				: ['reported', 'checked']
			: []
	};
};

const viewerOf = (locals: App.Locals) => {
	if (!locals.viewer) throw new DomainError('unauthenticated');
	return locals.viewer;
};

export const actions: Actions = {
	approve: ({ request, locals }) =>
		formAction(request, z.object({ id: zId }), ({ id }) => {
			approveSlip(viewerOf(locals), id);
			return { done: true as const };
		}),
	reject: ({ request, locals }) =>
		formAction(request, ZRejectSlip.extend({ id: zId }), ({ id, reason }) => {
			rejectSlip(viewerOf(locals), id, { reason });
			return { done: true as const };
		}),
	batch: ({ request, locals }) =>
		formAction(request, ZApproveSlips, (input) => ({
			batch: approveSlips(viewerOf(locals), input)
		}))
};
