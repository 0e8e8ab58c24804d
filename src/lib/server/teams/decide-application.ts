import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { teamMembers } from '$lib/server/db/schema/teams';
import { DomainError } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { authorize } from '$lib/server/permissions';
import { ZDecideApplication } from './schemas';
import { teamTarget } from './team-target';

/** A leader (or the committee) approves an application, or declines it with a reason. */
export function decideApplication(
	viewer: Viewer | null,
	teamId: number,
	raw: z.input<typeof ZDecideApplication>,
	now = new Date()
): { status: 'active' | 'declined' } {
	const input = parseInput(ZDecideApplication, raw);
	const { target } = teamTarget(teamId);
	authorize(viewer, 'teams:lead', target);
	if (!input.approve && !input.reason) {
		throw new DomainError('validation', { message: m.teams_error_reason_required() });
	}
	return write((tx) => {
		const status = input.approve ? ('active' as const) : ('declined' as const);
		const done = tx
			.update(teamMembers)
			.set({
				status,
				decidedAt: now,
				decidedBy: viewer.userId,
				declineReason: input.approve ? null : input.reason
			})
			.where(
				and(
					eq(teamMembers.teamId, teamId),
					eq(teamMembers.memberId, input.memberId),
					eq(teamMembers.status, 'applied')
				)
			)
			.returning({ id: teamMembers.id })
			.get();
		if (!done) throw new DomainError('conflict', { message: m.teams_error_not_applied() });
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: input.approve ? 'team.approve' : 'team.decline',
			subjectType: 'volunteer_team',
			subjectId: teamId,
			detail: { memberId: input.memberId, reason: input.reason }
		});
		return { status };
	});
}
