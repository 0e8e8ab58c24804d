import { navFor } from '$lib/server/auth/home';
import { getLocale } from '$lib/paraglide/runtime';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	viewer: locals.viewer
		? { name: locals.viewer.name, roles: locals.viewer.roles, villageId: locals.viewer.villageId }
		: null,
	nav: navFor(locals.viewer),
	careMode: locals.careMode,
	actingFor: locals.actingFor ? { name: locals.actingFor.name } : null,
	locale: getLocale()
});
