import { DomainError } from '$lib/server/errors';
import { formAction } from '$lib/server/http/form';
import { loadOrError } from '$lib/server/http/load';
import { villageDay } from '$lib/server/ledger/expiry-policy';
import { inspectionChoices } from '$lib/server/slips/inspection-choices';
import { ZRecordInspection } from '$lib/server/slips/inspection-schemas';
import { recordInspection } from '$lib/server/slips/record-inspection';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) =>
	loadOrError(() => ({ ...inspectionChoices(locals.viewer), today: villageDay(new Date()) }));

export const actions: Actions = {
	default: ({ request, locals }) =>
		formAction(request, ZRecordInspection, (input) => {
			if (!locals.viewer) throw new DomainError('unauthenticated');
			const { slips } = recordInspection(locals.viewer, input);
			return { recorded: slips.length };
		})
};
