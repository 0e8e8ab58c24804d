import { formAction } from '$lib/server/http/form';
import { zId } from '$lib/server/http/fields';
import { loadOrError } from '$lib/server/http/load';
import { ownVillageTarget } from '$lib/server/people/scope';
import { listObjections } from '$lib/server/slips/list-objections';
import { ZResolveObjection } from '$lib/server/slips/objection-schemas';
import { resolveObjection } from '$lib/server/slips/resolve-objection';
import type { Actions, PageServerLoad } from './$types';

/** The committee's objection worklist: standing objections to decide, then recent decisions. */
export const load: PageServerLoad = ({ locals }) =>
	loadOrError(() => ({
		objections: listObjections(locals.viewer, ownVillageTarget(locals.viewer).villageId)
	}));

export const actions: Actions = {
	/** One form per objection; its two buttons send decision=uphold or decision=dismiss. */
	resolve: ({ request, locals }) =>
		formAction(request, ZResolveObjection.extend({ id: zId }), ({ id, decision, reason }) => {
			resolveObjection(locals.viewer, id, { decision, reason });
			return { resolved: id };
		})
};
