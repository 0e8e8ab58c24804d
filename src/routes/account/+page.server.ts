import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { changePassword, ZChangePassword } from '$lib/server/auth/change-password';
import { deleteSessionCookie } from '$lib/server/auth/cookies';
import { invalidateAllSessions } from '$lib/server/auth/session';
import { formAction } from '$lib/server/http/form';
import { zId } from '$lib/server/http/fields';
import { issueApiToken, listApiTokens, revokeApiToken, ZTokenName } from '$lib/server/auth/tokens';
import { DomainError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.viewer) redirect(303, '/login');
	return {
		account: { name: locals.viewer.name, phone: locals.viewer.phone },
		tokens: listApiTokens(locals.viewer)
	};
};

export const actions: Actions = {
	password: (event) =>
		formAction(event.request, ZChangePassword, async (input) => {
			if (!event.locals.viewer) throw new DomainError('unauthenticated');
			await changePassword(event.locals.viewer, input, event.locals.session?.id ?? null);
			return { passwordChanged: true };
		}),
	createToken: (event) =>
		formAction(event.request, z.object({ name: ZTokenName }), (input) => {
			const viewer = event.locals.viewer;
			if (!viewer) throw new DomainError('unauthenticated');
			const { token } = issueApiToken(viewer.userId, viewer.villageId, input.name);
			return { newToken: token };
		}),
	revokeToken: (event) =>
		formAction(event.request, z.object({ id: zId }), (input) => {
			if (!event.locals.viewer) throw new DomainError('unauthenticated');
			revokeApiToken(event.locals.viewer, input.id);
			return { revoked: true };
		}),
	logoutEverywhere: (event) =>
		formAction(event.request, z.object({}), () => {
			if (!event.locals.viewer) throw new DomainError('unauthenticated');
			invalidateAllSessions(event.locals.viewer.userId);
			deleteSessionCookie(event);
			redirect(303, '/login');
		})
};
