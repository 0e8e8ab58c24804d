import { and, eq } from 'drizzle-orm';
import * as m from '$lib/paraglide/messages';
import type { Tx } from '$lib/server/db';
import { members, roleGrants, users } from '$lib/server/db/schema';
import { teamMembers } from '$lib/server/db/schema/teams';
import { DomainError } from '$lib/server/errors';

/**
 * Inside the caller's transaction: makes a member of the village a leader of the team. A leader
 * works in the app, so they need a login; if it lacks the team_leader role the appointment grants
 * it (the committee appointing a leader is the committee assigning that role).
 */
export function makeLeader(
	tx: Tx,
	input: { villageId: number; teamId: number; memberId: number; byUserId: number; now: Date }
): void {
	const member = tx.select().from(members).where(eq(members.id, input.memberId)).get();
	if (!member || member.villageId !== input.villageId || !member.active) {
		throw new DomainError('not_found');
	}
	const user = tx
		.select({ id: users.id, active: users.active })
		.from(users)
		.where(eq(users.memberId, input.memberId))
		.get();
	if (!user || !user.active) {
		throw new DomainError('validation', { message: m.teams_error_leader_needs_login() });
	}
	const held = tx
		.select({ role: roleGrants.role })
		.from(roleGrants)
		.where(
			and(
				eq(roleGrants.userId, user.id),
				eq(roleGrants.villageId, input.villageId),
				eq(roleGrants.role, 'team_leader')
			)
		)
		.get();
	if (!held) {
		tx.insert(roleGrants)
			.values({
				userId: user.id,
				villageId: input.villageId,
				role: 'team_leader',
				grantedBy: input.byUserId
			})
			.run();
	}
	tx.insert(teamMembers)
		.values({
			villageId: input.villageId,
			teamId: input.teamId,
			memberId: input.memberId,
			role: 'leader',
			status: 'active',
			decidedAt: input.now,
			decidedBy: input.byUserId
		})
		.onConflictDoUpdate({
			target: [teamMembers.teamId, teamMembers.memberId],
			set: {
				role: 'leader',
				status: 'active',
				decidedAt: input.now,
				decidedBy: input.byUserId,
				declineReason: null,
				leftAt: null
			}
		})
		.run();
}
