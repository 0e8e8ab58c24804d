import { z } from 'zod';
import { DomainError } from '$lib/server/errors';
import { formAction } from '$lib/server/http/form';
import { idParam, loadOrError } from '$lib/server/http/load';
import { getHousehold } from '$lib/server/people/get-household';
import { getMember } from '$lib/server/people/get-member';
import { moveMember } from '$lib/server/people/move-member';
import { ZMemberFields, ZMoveMember } from '$lib/server/people/schemas';
import { deactivateMember, reactivateMember } from '$lib/server/people/set-member-active';
import { updateMember } from '$lib/server/people/update-member';
import { memberChoices } from '$lib/server/people/views';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) =>
	loadOrError(() => {
		const member = getMember(locals.viewer, idParam(params.id));
		const household = getHousehold(locals.viewer, member.householdId);
		// This is the committee's page.
		if (!household.viewerMayManage || !member.private) throw new DomainError('forbidden');
		return {
			member: { ...member, private: member.private },
			household: { id: household.id, number: household.number, active: household.active },
			choices: memberChoices
		};
	});

const ZNothing = z.object({});

export const actions: Actions = {
	update: ({ request, locals, params }) =>
		formAction(request, ZMemberFields, (input) => {
			updateMember(locals.viewer, idParam(params.id), input);
			return { done: 'update' as const };
		}),
	move: ({ request, locals, params }) =>
		formAction(request, ZMoveMember, (input) => {
			const member = moveMember(locals.viewer, idParam(params.id), input);
			return { done: 'move' as const, number: member.householdNumber };
		}),
	deactivate: ({ request, locals, params }) =>
		formAction(request, ZNothing, () => {
			deactivateMember(locals.viewer, idParam(params.id));
			return { done: 'deactivate' as const };
		}),
	reactivate: ({ request, locals, params }) =>
		formAction(request, ZNothing, () => {
			reactivateMember(locals.viewer, idParam(params.id));
			return { done: 'reactivate' as const };
		})
};
