import { redirect } from '@sveltejs/kit';
import { getCareElder } from '$lib/server/care/get-elder';
import { listVisitors } from '$lib/server/care/list-visitors';
import { recordVisit } from '$lib/server/care/record-visit';
import { ZRecordVisit } from '$lib/server/care/schemas';
import { DomainError } from '$lib/server/errors';
import { formAction } from '$lib/server/http/form';
import { idParam, loadOrError } from '$lib/server/http/load';
import { villageDay } from '$lib/server/ledger/expiry-policy';
import type { Actions, PageServerLoad } from './$types';

/** The visit form for one elder (from the worklist's 记录走访 link). */
export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(() => {
		const elder = getCareElder(locals.viewer, idParam(url.searchParams.get('elder') ?? undefined));
		return {
			elder: {
				memberId: elder.memberId,
				name: elder.name,
				householdNumber: elder.householdNumber,
				careTags: elder.careTags,
				riskTier: elder.riskTier
			},
			visitors: listVisitors(locals.viewer!, elder.villageId),
			selfMemberId: locals.viewer!.memberId,
			today: villageDay(new Date()),
			// A double-tapped or re-sent form records the visit once.
			requestKey: crypto.randomUUID()
		};
	});

export const actions: Actions = {
	default: ({ request, locals }) =>
		formAction(request, ZRecordVisit, (input) => {
			const viewer = locals.viewer;
			if (!viewer) throw new DomainError('unauthenticated');
			if (viewer.villageId === null) throw new DomainError('forbidden');
			const visit = recordVisit(viewer, viewer.villageId, input);
			redirect(303, `/care?recorded=${visit.elderMemberId}`);
		})
};
