import { redirect } from '@sveltejs/kit';
import { deleteSessionCookie } from '$lib/server/auth/cookies';
import { invalidateSession } from '$lib/server/auth/session';
import { stopActingFor } from '$lib/server/people/acting-for';
import type { Actions } from './$types';

export const actions: Actions = {
	default: ({ locals, cookies, url }) => {
		if (locals.session) invalidateSession(locals.session.id);
		deleteSessionCookie({ cookies, url });
		stopActingFor(cookies);
		redirect(303, '/login');
	}
};
