import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { teamMembers } from '$lib/server/db/schema/teams';
import { DomainError } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { memberTarget } from '$lib/server/people/targets';
import { authorize } from '$lib/server/permissions';
import { ZLeave } from './schemas';

/** A member leaves a team (or withdraws an application). Their records and hours stay. */
export function leaveTeam(
	viewer: Viewer | null,
	teamId: number,
	raw: z.input<typeof ZLeave>,
	now = new Date()
): { status: 'left' } {
	const input = parseInput(ZLeave, raw);
	const member = memberTarget(input.memberId);
	authorize(viewer, 'teams:enrol', member);
	return write((tx) => {
		const row = tx
			.select()
			.from(teamMembers)
			.where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.memberId, input.memberId)))
			.get();
		if (!row || (row.status !== 'active' && row.status !== 'applied')) {
			throw new DomainError('conflict', { message: m.teams_error_not_member() });
		}
		tx.update(teamMembers)
			.set({ status: 'left', leftAt: now })
			.where(eq(teamMembers.id, row.id))
			.run();
		recordAudit(tx, {
			villageId: row.villageId,
			actorUserId: viewer.userId,
			onBehalfOfMemberId: viewer.memberId === input.memberId ? null : input.memberId,
			action: 'team.leave',
			subjectType: 'volunteer_team',
			subjectId: teamId,
			detail: { memberId: input.memberId }
		});
		return { status: 'left' as const };
	});
}
