import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { teamMembers } from '$lib/server/db/schema/teams';
import { DomainError, notFound } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { memberTarget } from '$lib/server/people/targets';
import { authorize } from '$lib/server/permissions';
import { ZApply } from './schemas';
import { teamTarget } from './team-target';

/**
 * A villager applies to join a team (or someone applies for them, 代办). Applying again after
 * a decline or after leaving reopens the same row; applying while applied or active is refused.
 */
export function applyToTeam(
	viewer: Viewer | null,
	teamId: number,
	raw: z.input<typeof ZApply>,
	now = new Date()
): { status: 'applied' } {
	const input = parseInput(ZApply, raw);
	const member = memberTarget(input.memberId);
	authorize(viewer, 'teams:enrol', member);
	const { team } = teamTarget(teamId);
	if (team.villageId !== member.villageId || !team.active) throw notFound();
	return write((tx) => {
		const row = tx
			.select()
			.from(teamMembers)
			.where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.memberId, input.memberId)))
			.get();
		if (row && (row.status === 'applied' || row.status === 'active')) {
			throw new DomainError('conflict', { message: m.teams_error_already_enrolled() });
		}
		const onBehalf = viewer.memberId === input.memberId ? null : input.memberId;
		const fields = {
			role: 'member' as const,
			status: 'applied' as const,
			appliedAt: now,
			appliedBy: viewer.userId,
			decidedAt: null,
			decidedBy: null,
			declineReason: null,
			leftAt: null
		};
		if (row) {
			tx.update(teamMembers).set(fields).where(eq(teamMembers.id, row.id)).run();
		} else {
			tx.insert(teamMembers)
				.values({ villageId: team.villageId, teamId, memberId: input.memberId, ...fields })
				.run();
		}
		recordAudit(tx, {
			villageId: team.villageId,
			actorUserId: viewer.userId,
			onBehalfOfMemberId: onBehalf,
			action: 'team.apply',
			subjectType: 'volunteer_team',
			subjectId: teamId,
			detail: { memberId: input.memberId }
		});
		return { status: 'applied' as const };
	});
}
