import { and, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { teamMembers, volunteerTeams, type VolunteerTeam } from '$lib/server/db/schema/teams';
import { notFound } from '$lib/server/errors';
import type { Target } from '$lib/server/permissions';

export type TeamTarget = Extract<Target, { kind: 'team' }>;

/** Loads a team and what the permission module needs to judge an action on it. */
export function teamTarget(teamId: number): { team: VolunteerTeam; target: TeamTarget } {
	const team = db.select().from(volunteerTeams).where(eq(volunteerTeams.id, teamId)).get();
	if (!team) throw notFound();
	const active = db
		.select({ memberId: teamMembers.memberId, role: teamMembers.role })
		.from(teamMembers)
		.where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.status, 'active')))
		.all();
	return {
		team,
		target: {
			kind: 'team',
			villageId: team.villageId,
			teamId,
			leaderMemberIds: active.filter((a) => a.role === 'leader').map((a) => a.memberId),
			memberIds: active.map((a) => a.memberId)
		}
	};
}
