import { getCareElder } from '$lib/server/care/get-elder';
import { idParam, loadOrError } from '$lib/server/http/load';
import type { PageServerLoad } from './$types';

/** One elder's visit history, for the committee and the visiting team. */
export const load: PageServerLoad = ({ locals, params }) =>
	loadOrError(() => ({ elder: getCareElder(locals.viewer, idParam(params.id)) }));
