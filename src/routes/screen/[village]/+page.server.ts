import { loadOrError } from '$lib/server/http/load';
import { getScreen } from '$lib/server/screen/get-screen';
import type { PageServerLoad } from './$types';

/** 广场大屏 (public, no login): the whole screen rendered on the server, then kept live. */
export const load: PageServerLoad = ({ locals, params }) =>
	loadOrError(() => ({
		screen: getScreen(locals.viewer, { code: params.village.trim().toLowerCase() })
	}));
