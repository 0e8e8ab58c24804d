import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { DomainError } from '$lib/server/errors';
import { formAction } from '$lib/server/http/form';
import { zId } from '$lib/server/http/fields';
import { listActableMembers, startActingFor, stopActingFor } from '$lib/server/people/acting-for';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.viewer) redirect(303, '/login');
	return { members: listActableMembers(locals.viewer) };
};

export const actions: Actions = {
	start: (event) =>
		formAction(event.request, z.object({ memberId: zId }), (input) => {
			if (!event.locals.viewer) throw new DomainError('unauthenticated');
			startActingFor(event.locals.viewer, input.memberId, event.cookies);
			redirect(303, '/household');
		}),
	stop: (event) =>
		formAction(event.request, z.object({}), () => {
			stopActingFor(event.cookies);
			redirect(303, '/act-for');
		})
};
