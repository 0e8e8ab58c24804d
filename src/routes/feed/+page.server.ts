import { loadOrError } from '$lib/server/http/load';
import { villageFeed } from '$lib/server/realtime/village-feed';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(() => ({
		feed: villageFeed(locals.viewer, url.searchParams.get('village')),
		code: url.searchParams.get('village') ?? ''
	}));
