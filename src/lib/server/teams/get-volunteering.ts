import { asc, desc, eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { members } from '$lib/server/db/schema';
import {
	serviceRecords,
	starLevels,
	teamMembers,
	volunteerCertificates,
	volunteerTeams,
	type TeamMemberStatus,
	type TeamRole,
	type TeamType
} from '$lib/server/db/schema/teams';
import { notFound } from '$lib/server/errors';
import { memberTarget } from '$lib/server/people/targets';
import { authorize } from '$lib/server/permissions';
import { toRecordRow, type RecordRow } from './get-team-board';
import { memberHalfHours } from './hours';

export type Volunteering = {
	member: { id: number; name: string };
	teams: {
		id: number;
		name: string;
		type: TeamType;
		role: TeamRole | null;
		status: TeamMemberStatus | null;
		declineReason: string | null;
	}[];
	records: (RecordRow & { teamName: string })[];
	totalHours: number;
	stars: { level: number; thresholdHours: number; grantsAt: string; granted: boolean }[];
	certificates: { number: string; issuedAt: string; hours: number }[];
};

/**
 * A member's volunteering: every team of the village with the member's standing in it, their
 * records (corrections included), total confirmed hours, star levels and certificates.
 */
export function getVolunteering(viewer: Viewer | null, memberId: number): Volunteering {
	const target = memberTarget(memberId);
	authorize(viewer, 'teams:view_records', target);
	const member = db
		.select({ id: members.id, name: members.name })
		.from(members)
		.where(eq(members.id, memberId))
		.get();
	if (!member) throw notFound();
	const mine = new Map(
		db
			.select()
			.from(teamMembers)
			.where(eq(teamMembers.memberId, memberId))
			.all()
			.map((r) => [r.teamId, r])
	);
	const teams = db
		.select()
		.from(volunteerTeams)
		.where(eq(volunteerTeams.villageId, target.villageId))
		.orderBy(asc(volunteerTeams.name))
		.all()
		.filter((t) => t.active || mine.has(t.id))
		.map((t) => {
			const row = mine.get(t.id);
			return {
				id: t.id,
				name: t.name,
				type: t.type,
				role: row?.role ?? null,
				status: row?.status ?? null,
				declineReason: row?.status === 'declined' ? row.declineReason : null
			};
		});
	const names = new Map(teams.map((t) => [t.id, t.name]));
	const records = db
		.select({
			teamId: serviceRecords.teamId,
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
		})
		.from(serviceRecords)
		.innerJoin(members, eq(serviceRecords.memberId, members.id))
		.where(eq(serviceRecords.memberId, memberId))
		.orderBy(desc(serviceRecords.serviceDate), desc(serviceRecords.id))
		.all()
		.map((r) => ({ ...toRecordRow(r), teamName: names.get(r.teamId) ?? '' }));
	const stars = db
		.select()
		.from(starLevels)
		.where(eq(starLevels.memberId, memberId))
		.orderBy(asc(starLevels.level))
		.all()
		.map((s) => ({
			level: s.level,
			thresholdHours: s.thresholdHours,
			grantsAt: s.grantsAt.toISOString(),
			granted: s.grantedAt !== null
		}));
	const certificates = db
		.select()
		.from(volunteerCertificates)
		.where(eq(volunteerCertificates.memberId, memberId))
		.orderBy(desc(volunteerCertificates.id))
		.all()
		.map((c) => ({
			number: c.number,
			issuedAt: c.issuedAt.toISOString(),
			hours: c.totalHalfHours / 2
		}));
	return {
		member,
		teams,
		records,
		totalHours: memberHalfHours(db, memberId) / 2,
		stars,
		certificates
	};
}
