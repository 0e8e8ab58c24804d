import { and, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { households, members } from '$lib/server/db/schema';
import {
	serviceRecords,
	teamMembers,
	type TeamMemberStatus,
	type TeamRole
} from '$lib/server/db/schema/teams';
import { authorize } from '$lib/server/permissions';
import { halfHoursByMember } from './hours';
import { publicTeam, type PublicTeam } from './list-teams';
import { teamTarget } from './team-target';

export type RosterRow = {
	memberId: number;
	name: string;
	householdNumber: string;
	role: TeamRole;
	status: TeamMemberStatus;
	/** Confirmed hours in this team, and in all teams. */
	teamHours: number;
	totalHours: number;
};

export type RecordRow = {
	id: number;
	memberId: number;
	memberName: string;
	serviceDate: string;
	hours: number;
	content: string;
	place: string;
	points: number;
	correctsRecordId: number | null;
	correctionReason: string | null;
	disputeReason: string | null;
	disputed: boolean;
	resolution: 'corrected' | 'dismissed' | null;
	resolutionNote: string | null;
};

export type TeamBoard = {
	team: PublicTeam;
	villageId: number;
	roster: RosterRow[];
	applications: { memberId: number; name: string; householdNumber: string; appliedAt: string }[];
	disputes: RecordRow[];
	records: RecordRow[];
};

const recordColumns = {
	id: serviceRecords.id,
	memberId: serviceRecords.memberId,
	memberName: members.name,
	serviceDate: serviceRecords.serviceDate,
	halfHours: serviceRecords.halfHours,
	content: serviceRecords.content,
	place: serviceRecords.place,
	points: serviceRecords.pointsCredited,
	correctsRecordId: serviceRecords.correctsRecordId,
	correctionReason: serviceRecords.correctionReason,
	disputeReason: serviceRecords.disputeReason,
	disputedAt: serviceRecords.disputedAt,
	resolvedAt: serviceRecords.resolvedAt,
	resolution: serviceRecords.resolution,
	resolutionNote: serviceRecords.resolutionNote
};

export const toRecordRow = (r: {
	id: number;
	memberId: number;
	memberName: string;
	serviceDate: string;
	halfHours: number;
	content: string;
	place: string;
	points: number;
	correctsRecordId: number | null;
	correctionReason: string | null;
	disputeReason: string | null;
	disputedAt: Date | null;
	resolvedAt: Date | null;
	resolution: 'corrected' | 'dismissed' | null;
	resolutionNote: string | null;
}): RecordRow => ({
	id: r.id,
	memberId: r.memberId,
	memberName: r.memberName,
	serviceDate: r.serviceDate,
	hours: r.halfHours / 2,
	content: r.content,
	place: r.place,
	points: r.points,
	correctsRecordId: r.correctsRecordId,
	correctionReason: r.correctionReason,
	disputeReason: r.disputeReason,
	disputed: r.disputedAt !== null && r.resolvedAt === null,
	resolution: r.resolution,
	resolutionNote: r.resolutionNote
});

/** The team's working page for its leaders and the committee: roster, applications, disputes. */
export function getTeamBoard(
	viewer: Viewer | null,
	teamId: number,
	now: Date = new Date()
): TeamBoard {
	const { target } = teamTarget(teamId);
	authorize(viewer, 'teams:lead', target);
	const rows = db
		.select({
			memberId: teamMembers.memberId,
			name: members.name,
			householdNumber: households.number,
			role: teamMembers.role,
			status: teamMembers.status,
			appliedAt: teamMembers.appliedAt
		})
		.from(teamMembers)
		.innerJoin(members, eq(teamMembers.memberId, members.id))
		.innerJoin(households, eq(members.householdId, households.id))
		.where(and(eq(teamMembers.teamId, teamId), inArray(teamMembers.status, ['active', 'applied'])))
		.orderBy(teamMembers.role, members.name)
		.all();
	const active = rows.filter((r) => r.status === 'active');
	const ids = active.map((r) => r.memberId);
	const inTeam = halfHoursByMember(db, ids, { teamId });
	const total = halfHoursByMember(db, ids);
	const recent = db
		.select(recordColumns)
		.from(serviceRecords)
		.innerJoin(members, eq(serviceRecords.memberId, members.id))
		.where(eq(serviceRecords.teamId, teamId))
		.orderBy(desc(serviceRecords.id))
		.limit(50)
		.all();
	const disputes = db
		.select(recordColumns)
		.from(serviceRecords)
		.innerJoin(members, eq(serviceRecords.memberId, members.id))
		.where(
			and(
				eq(serviceRecords.teamId, teamId),
				isNotNull(serviceRecords.disputedAt),
				isNull(serviceRecords.resolvedAt)
			)
		)
		.orderBy(serviceRecords.disputedAt)
		.all();
	const { villageId, ...team } = publicTeam(teamId, now);
	return {
		team,
		villageId,
		roster: active.map((r) => ({
			memberId: r.memberId,
			name: r.name,
			householdNumber: r.householdNumber,
			role: r.role,
			status: r.status,
			teamHours: (inTeam.get(r.memberId) ?? 0) / 2,
			totalHours: (total.get(r.memberId) ?? 0) / 2
		})),
		applications: rows
			.filter((r) => r.status === 'applied')
			.map((r) => ({
				memberId: r.memberId,
				name: r.name,
				householdNumber: r.householdNumber,
				appliedAt: (r.appliedAt ?? now).toISOString()
			})),
		disputes: disputes.map(toRecordRow),
		records: recent.map(toRecordRow)
	};
}
