import { z } from 'zod';
import { zId } from '$lib/server/http/fields';
import { ZExpiryList, ZExpiryWarning } from '$lib/server/ledger/expiry-views';
import { getExpiryWarnings } from '$lib/server/ledger/get-expiry-warnings';
import { listExpiries } from '$lib/server/ledger/list-expiries';
import { defineEndpoint } from '../endpoint';

/** Points expiry under the village's policy: the committee's read-only view. */

export const listExpiriesEndpoint = defineEndpoint({
	method: 'GET',
	path: '/villages/{id}/expiries',
	summary:
		'Points expiry of a village (committee): the policy and next cutoff, households warned whose points lapse soon (today’s amounts), the latest lapses',
	tag: 'ledger',
	auth: true,
	params: z.object({ id: zId }),
	response: ZExpiryList,
	handler: ({ viewer, params }) => listExpiries(viewer, params.id)
});

export const householdExpiryWarningsEndpoint = defineEndpoint({
	method: 'GET',
	path: '/households/{id}/expiries',
	summary:
		'A household’s points about to lapse, once it has been warned (its members, its 十户长, the committee): points and the day they lapse',
	tag: 'ledger',
	auth: true,
	params: z.object({ id: zId }),
	response: z.array(ZExpiryWarning),
	handler: ({ viewer, params }) => getExpiryWarnings(viewer, params.id)
});
