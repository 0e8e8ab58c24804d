import { getPlaque } from '$lib/server/honour/get-plaque';
import { loadOrError } from '$lib/server/http/load';
import type { PageServerLoad } from './$types';

/** What a door plaque's QR code opens (no login): the household's masked head and standing. */
export const load: PageServerLoad = ({ locals, params }) =>
	loadOrError(() => ({ plaque: getPlaque(locals.viewer, params.token) }));
