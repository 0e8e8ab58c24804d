import { z } from 'zod';
import { getHonourRoll } from '$lib/server/honour/get-honour-roll';
import { getPlaque } from '$lib/server/honour/get-plaque';
import { ZHonourQuery, ZHonourRoll, ZPlaque } from '$lib/server/honour/schemas';
import { zId } from '$lib/server/http/fields';
import { defineEndpoint } from '../endpoint';

/** The 光荣榜 and the door plaques' pages: public by design (names masked, nothing private). */

const tag = 'honour';

export const honourRollEndpoint = defineEndpoint({
	method: 'GET',
	path: '/villages/{id}/honour',
	summary:
		'A village’s honour roll (public, names masked): households and ten-household groups by the points of their deeds, ?period=month|year&group=<id>; enabled: false when the village has switched rankings off',
	tag,
	auth: false,
	params: z.object({ id: zId }),
	query: ZHonourQuery,
	response: ZHonourRoll,
	handler: ({ viewer, params, query }) => getHonourRoll(viewer, { id: params.id }, query)
});

export const plaqueEndpoint = defineEndpoint({
	method: 'GET',
	path: '/plaques/{token}',
	summary:
		'The public page of a door plaque’s QR code: village, 户号, masked head, group and this year’s standing',
	tag,
	auth: false,
	params: z.object({ token: z.string().max(64) }),
	response: ZPlaque,
	handler: ({ viewer, params }) => getPlaque(viewer, params.token)
});
