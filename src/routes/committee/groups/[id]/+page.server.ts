import { z } from 'zod';
import { DomainError } from '$lib/server/errors';
import { formAction } from '$lib/server/http/form';
import { idParam, loadOrError } from '$lib/server/http/load';
import { getGroup } from '$lib/server/people/get-group';
import { ZGroupFields } from '$lib/server/people/schemas';
import { deactivateGroup, reactivateGroup } from '$lib/server/people/set-group-active';
import { updateGroup } from '$lib/server/people/update-group';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) =>
	loadOrError(() => {
		const group = getGroup(locals.viewer, idParam(params.id));
		// This is the committee's page; a 十户长 sees their group on their own page.
		if (!group.viewerMayManage) throw new DomainError('forbidden');
		return { group };
	});

const ZNothing = z.object({});

export const actions: Actions = {
	update: ({ request, locals, params }) =>
		formAction(request, ZGroupFields, (input) => {
			updateGroup(locals.viewer, idParam(params.id), input);
			return { done: 'update' as const };
		}),
	deactivate: ({ request, locals, params }) =>
		formAction(request, ZNothing, () => {
			deactivateGroup(locals.viewer, idParam(params.id));
			return { done: 'deactivate' as const };
		}),
	reactivate: ({ request, locals, params }) =>
		formAction(request, ZNothing, () => {
			reactivateGroup(locals.viewer, idParam(params.id));
			return { done: 'reactivate' as const };
		})
};
