import { redirect } from '@sveltejs/kit';
import { DomainError } from '$lib/server/errors';
import { formAction } from '$lib/server/http/form';
import { withStoredPhoto } from '$lib/server/photos/with-stored-photo';
import { getRuleBook } from '$lib/server/rules/get-rule-book';
import { groupByCategory } from '$lib/server/rules/group-by-category';
import { ZReportHelpedSlip } from '$lib/server/slips/helped-schemas';
import { reportHelpedSlip } from '$lib/server/slips/report-helped-slip';
import type { Actions, PageServerLoad } from './$types';

/** 有人帮了我: a villager reports that someone of another household helped them. */
export const load: PageServerLoad = ({ locals, url }) => {
	const viewer = locals.viewer;
	if (!viewer) redirect(303, '/login');
	if (viewer.villageId === null) redirect(303, '/');
	const book = getRuleBook({ id: viewer.villageId });
	return {
		/** Only members of a household of the village report this way. */
		canReport: viewer.householdId !== null,
		// No one is reported for a deduction by the person they "helped".
		categories: groupByCategory((book.version?.rules ?? []).filter((r) => r.points > 0)),
		today: new Date().toISOString().slice(0, 10),
		reported: url.searchParams.has('reported')
	};
};

export const actions: Actions = {
	default: (event) =>
		formAction(event.request, ZReportHelpedSlip, async (input, form) => {
			const viewer = event.locals.viewer;
			if (!viewer) throw new DomainError('unauthenticated');
			await withStoredPhoto(form.get('photo'), (photoKey) =>
				reportHelpedSlip(viewer, input, {
					onBehalfOfMemberId: event.locals.actingFor?.memberId ?? null,
					actingForHouseholdId: event.locals.actingFor?.householdId ?? null,
					photoKey
				})
			);
			redirect(303, '/slips/helped?reported=1');
		})
};
