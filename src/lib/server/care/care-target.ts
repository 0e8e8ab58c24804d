import { and, eq } from 'drizzle-orm';
import { db, type Tx } from '$lib/server/db';
import { teamMembers, volunteerTeams } from '$lib/server/db/schema/teams';
import type { Target } from '$lib/server/permissions';

export type CareTarget = Extract<Target, { kind: 'care' }>;

/** Active members of the village's active 巡访关爱 teams, with the team each is on. */
export function careTeamMembers(
	q: Tx | typeof db,
	villageId: number
): { memberId: number; teamId: number; role: 'leader' | 'member' }[] {
	return q
		.select({ memberId: teamMembers.memberId, teamId: teamMembers.teamId, role: teamMembers.role })
		.from(teamMembers)
		.innerJoin(volunteerTeams, eq(teamMembers.teamId, volunteerTeams.id))
		.where(
			and(
				eq(volunteerTeams.villageId, villageId),
				eq(volunteerTeams.type, '巡访关爱'),
				eq(volunteerTeams.active, true),
				eq(teamMembers.status, 'active')
			)
		)
		.orderBy(teamMembers.teamId)
		.all();
}

/** The village's care data as a permission target: the visiting team are its 巡访关爱 members. */
export function careTarget(villageId: number): CareTarget {
	return {
		kind: 'care',
		villageId,
		visitorMemberIds: [...new Set(careTeamMembers(db, villageId).map((r) => r.memberId))]
	};
}
