import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { DomainError } from '$lib/server/errors';
import { zId } from '$lib/server/http/fields';
import { formAction } from '$lib/server/http/form';
import { loadOrError } from '$lib/server/http/load';
import { applyToTeam } from '$lib/server/teams/apply-to-team';
import { disputeRecord } from '$lib/server/teams/dispute-record';
import { getVolunteering } from '$lib/server/teams/get-volunteering';
import { issueCertificate } from '$lib/server/teams/issue-certificate';
import { leaveTeam } from '$lib/server/teams/leave-team';
import { ZDisputeRecord } from '$lib/server/teams/schemas';
import type { Actions, PageServerLoad } from './$types';

/** The member this page is about: the one acted for (代办), else the viewer themself. */
const memberOf = (locals: App.Locals): number | null =>
	locals.actingFor?.memberId ?? locals.viewer?.memberId ?? null;

const requireMember = (locals: App.Locals): number => {
	if (!locals.viewer) throw new DomainError('unauthenticated');
	const id = memberOf(locals);
	if (id === null) throw new DomainError('forbidden');
	return id;
};

/** 我的志愿服务: teams to join or leave, records (and disputes), hours, stars, certificates. */
export const load: PageServerLoad = ({ locals }) =>
	loadOrError(() => {
		if (!locals.viewer) throw new DomainError('unauthenticated');
		const memberId = memberOf(locals);
		return { volunteering: memberId === null ? null : getVolunteering(locals.viewer, memberId) };
	});

const ZTeam = z.object({ teamId: zId });

export const actions: Actions = {
	apply: ({ request, locals }) =>
		formAction(request, ZTeam, ({ teamId }) => {
			applyToTeam(locals.viewer, teamId, { memberId: requireMember(locals) });
			return { applied: true as const };
		}),
	leave: ({ request, locals }) =>
		formAction(request, ZTeam, ({ teamId }) => {
			leaveTeam(locals.viewer, teamId, { memberId: requireMember(locals) });
			return { left: true as const };
		}),
	dispute: ({ request, locals }) =>
		formAction(request, ZDisputeRecord.extend({ recordId: zId }), ({ recordId, reason }) => {
			disputeRecord(locals.viewer, recordId, { reason });
			return { disputed: true as const };
		}),
	certificate: async ({ request, locals }) => {
		const result = await formAction(request, z.object({}), () =>
			issueCertificate(locals.viewer, { memberId: requireMember(locals) })
		);
		if ('number' in result) {
			redirect(303, `/volunteer/certificate/${encodeURIComponent(result.number)}`);
		}
		return result;
	}
};
