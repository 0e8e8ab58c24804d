import { redirect } from '@sveltejs/kit';
import { getLedGroups } from '$lib/server/household/group-overview';
import { loadOrError } from '$lib/server/http/load';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.viewer) redirect(303, '/login');
	const viewer = locals.viewer;
	return { groups: loadOrError(() => getLedGroups(viewer)) };
};
