import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { CARE_MODE_COOKIE, PREFERENCE_MAX_AGE } from '$lib/server/auth/cookies';
import { formAction } from '$lib/server/http/form';
import { cookieName } from '$lib/paraglide/runtime';
import type { Actions } from './$types';

/** Only same-site paths are followed back, so this can't be used as an open redirect. */
const ZBack = z
	.string()
	.optional()
	.transform((v) => (v && v.startsWith('/') && !v.startsWith('//') ? v : '/'));

export const actions: Actions = {
	care: (event) =>
		formAction(event.request, z.object({ on: z.enum(['0', '1']), back: ZBack }), (input) => {
			event.cookies.set(CARE_MODE_COOKIE, input.on, {
				path: '/',
				httpOnly: false,
				sameSite: 'lax',
				maxAge: PREFERENCE_MAX_AGE
			});
			redirect(303, input.back);
		}),
	language: (event) =>
		formAction(
			event.request,
			z.object({ locale: z.enum(['zh-CN', 'en']), back: ZBack }),
			(input) => {
				event.cookies.set(cookieName, input.locale, {
					path: '/',
					httpOnly: false,
					sameSite: 'lax',
					maxAge: PREFERENCE_MAX_AGE
				});
				redirect(303, input.back);
			}
		)
};
