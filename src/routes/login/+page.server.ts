import { redirect } from '@sveltejs/kit';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { homePath } from '$lib/server/auth/home';
import { logIn, ZLogIn } from '$lib/server/auth/log-in';
import { rotateSession } from '$lib/server/auth/session';
import { formAction } from '$lib/server/http/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.viewer) redirect(303, homePath(locals.viewer));
};

export const actions: Actions = {
	default: (event) =>
		formAction(event.request, ZLogIn, async (input) => {
			const userId = await logIn(input, event.getClientAddress());
			const { token, session } = rotateSession(event.locals.session?.id ?? null, userId);
			setSessionCookie(event, token, session.expiresAt);
			redirect(303, '/');
		})
};
