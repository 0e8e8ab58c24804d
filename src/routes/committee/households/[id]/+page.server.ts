import { z } from 'zod';
import { DomainError } from '$lib/server/errors';
import { formAction } from '$lib/server/http/form';
import { zId } from '$lib/server/http/fields';
import { idParam, loadOrError } from '$lib/server/http/load';
import { addMember } from '$lib/server/people/add-member';
import { getHousehold } from '$lib/server/people/get-household';
import { listGroups } from '$lib/server/people/list-groups';
import { ZAddMember, ZHouseholdFields } from '$lib/server/people/schemas';
import { deactivateHousehold, reactivateHousehold } from '$lib/server/people/set-household-active';
import { setHouseholdHead, updateHousehold } from '$lib/server/people/update-household';
import { memberChoices } from '$lib/server/people/views';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) =>
	loadOrError(() => {
		const household = getHousehold(locals.viewer, idParam(params.id));
		// This is the committee's page; others who may see a household see it elsewhere.
		if (!household.viewerMayManage) throw new DomainError('forbidden');
		return {
			household,
			groups: listGroups(locals.viewer, { includeInactive: true })
				.filter((g) => g.active || g.id === household.tenGroupId)
				.map((g) => ({ id: g.id, name: g.name, active: g.active })),
			choices: memberChoices
		};
	});

const ZNothing = z.object({});

export const actions: Actions = {
	update: ({ request, locals, params }) =>
		formAction(request, ZHouseholdFields, (input) => {
			updateHousehold(locals.viewer, idParam(params.id), input);
			return { done: 'update' as const };
		}),
	addMember: ({ request, locals, params }) =>
		formAction(request, ZAddMember, (input) => {
			const member = addMember(locals.viewer, idParam(params.id), input);
			return { done: 'addMember' as const, name: member.name };
		}),
	setHead: ({ request, locals, params }) =>
		formAction(request, z.object({ memberId: zId }), (input) => {
			setHouseholdHead(locals.viewer, idParam(params.id), input.memberId);
			return { done: 'setHead' as const };
		}),
	deactivate: ({ request, locals, params }) =>
		formAction(request, ZNothing, () => {
			deactivateHousehold(locals.viewer, idParam(params.id));
			return { done: 'deactivate' as const };
		}),
	reactivate: ({ request, locals, params }) =>
		formAction(request, ZNothing, () => {
			reactivateHousehold(locals.viewer, idParam(params.id));
			return { done: 'reactivate' as const };
		})
};
