import { redirect } from '@sveltejs/kit';
import { homePath } from '$lib/server/auth/home';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.viewer) redirect(303, homePath(locals.viewer));
};
