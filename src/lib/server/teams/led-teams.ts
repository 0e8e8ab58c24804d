import { and, asc, count, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import {
	serviceRecords,
	teamMembers,
	volunteerTeams,
	type TeamType
} from '$lib/server/db/schema/teams';

/**
 * The teams the viewer runs: every active team of the village for the committee, the teams they
 * lead for a team leader, none otherwise — with what waits for them: applications to decide and
 * disputed records to resolve.
 */
export function ledTeams(viewer: Viewer | null): {
	id: number;
	name: string;
	type: TeamType;
	leads: boolean;
	applications: number;
	disputes: number;
}[] {
	if (!viewer || viewer.villageId === null) return [];
	const committee = viewer.roles.includes('committee');
	const led = new Set<number>();
	if (viewer.memberId !== null && viewer.roles.includes('team_leader')) {
		for (const r of db
			.select({ teamId: teamMembers.teamId })
			.from(teamMembers)
			.where(
				and(
					eq(teamMembers.memberId, viewer.memberId),
					eq(teamMembers.role, 'leader'),
					eq(teamMembers.status, 'active')
				)
			)
			.all()) {
			led.add(r.teamId);
		}
	}
	return db
		.select({ id: volunteerTeams.id, name: volunteerTeams.name, type: volunteerTeams.type })
		.from(volunteerTeams)
		.where(and(eq(volunteerTeams.villageId, viewer.villageId), eq(volunteerTeams.active, true)))
		.orderBy(asc(volunteerTeams.name))
		.all()
		.filter((t) => committee || led.has(t.id))
		.map((t) => ({
			...t,
			leads: led.has(t.id),
			applications:
				db
					.select({ n: count() })
					.from(teamMembers)
					.where(and(eq(teamMembers.teamId, t.id), eq(teamMembers.status, 'applied')))
					.get()?.n ?? 0,
			disputes:
				db
					.select({ n: count() })
					.from(serviceRecords)
					.where(
						and(
							eq(serviceRecords.teamId, t.id),
							isNotNull(serviceRecords.disputedAt),
							isNull(serviceRecords.resolvedAt)
						)
					)
					.get()?.n ?? 0
		}));
}
