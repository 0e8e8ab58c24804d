import { careCoverage } from '$lib/server/care/coverage-report';
import { careIntervals } from '$lib/server/care/intervals';
import { listFollowUps } from '$lib/server/care/list-follow-ups';
import { resolveFollowUp } from '$lib/server/care/resolve-follow-up';
import { ZCareSettings, ZResolveFollowUp } from '$lib/server/care/schemas';
import { updateCareSettings } from '$lib/server/care/update-settings';
import { db } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import { zId } from '$lib/server/http/fields';
import { formAction } from '$lib/server/http/form';
import { loadOrError } from '$lib/server/http/load';
import { ownVillageTarget } from '$lib/server/people/scope';
import type { Actions, PageServerLoad } from './$types';

/** The committee's care page: open follow-ups, visit intervals, the month's visits and coverage. */
export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(() => {
		const { villageId } = ownVillageTarget(locals.viewer);
		const followUps = listFollowUps(locals.viewer, villageId);
		const month = url.searchParams.get('month');
		return {
			followUps,
			intervals: careIntervals(db, villageId),
			report: careCoverage(locals.viewer, villageId, {
				month: month && /^\d{4}-\d{2}$/.test(month) ? month : null
			})
		};
	});

export const actions: Actions = {
	resolve: ({ request, locals }) =>
		formAction(request, ZResolveFollowUp.extend({ visitId: zId }), ({ visitId, note }) => {
			resolveFollowUp(locals.viewer, visitId, { note });
			return { resolved: true as const };
		}),
	settings: ({ request, locals }) =>
		formAction(request, ZCareSettings, (input) => {
			const { villageId } = ownVillageTarget(locals.viewer);
			if (!locals.viewer) throw new DomainError('unauthenticated');
			updateCareSettings(locals.viewer, villageId, input);
			return { saved: true as const };
		})
};
