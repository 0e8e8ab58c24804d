import { randomBytes } from 'node:crypto';
import { redirect } from '@sveltejs/kit';
import { DomainError } from '$lib/server/errors';
import { formAction } from '$lib/server/http/form';
import { withStoredPhoto } from '$lib/server/photos/with-stored-photo';
import { getRuleBook } from '$lib/server/rules/get-rule-book';
import { groupByCategory } from '$lib/server/rules/group-by-category';
import { reportSlip } from '$lib/server/slips/report-slip';
import { reportableHouseholds } from '$lib/server/slips/reportable-members';
import { ZReportSlip } from '$lib/server/slips/schemas';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const viewer = locals.viewer;
	if (!viewer) redirect(303, '/login');
	if (viewer.villageId === null) redirect(303, '/');
	const householdNumber = url.searchParams.get('household');
	const households = reportableHouseholds(viewer, {
		householdNumber,
		actingForHouseholdId: locals.actingFor?.householdId ?? null
	});
	const book = getRuleBook({ id: viewer.villageId });
	return {
		households,
		householdNumber: householdNumber ?? '',
		/** Committee and team leaders find a household by 户号. */
		canLookUp: viewer.roles.includes('committee') || viewer.roles.includes('team_leader'),
		categories: groupByCategory(book.version?.rules ?? []),
		today: new Date().toISOString().slice(0, 10),
		reported: url.searchParams.has('reported'),
		// One key per page load: a double tap, or the form sent again, reports one slip.
		requestKey: randomBytes(12).toString('base64url')
	};
};

export const actions: Actions = {
	default: (event) =>
		formAction(event.request, ZReportSlip, async (input, form) => {
			const viewer = event.locals.viewer;
			if (!viewer) throw new DomainError('unauthenticated');
			// The photo is stored first and deleted again if the report is refused.
			await withStoredPhoto(form.get('photo'), (photoKey) =>
				reportSlip(viewer, input, {
					onBehalfOfMemberId: event.locals.actingFor?.memberId ?? null,
					photoKey
				})
			);
			const household = event.url.searchParams.get('household');
			redirect(
				303,
				household
					? `/slips/new?household=${encodeURIComponent(household)}&reported=1`
					: '/slips/new?reported=1'
			);
		})
};
