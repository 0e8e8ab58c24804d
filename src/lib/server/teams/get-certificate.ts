import { and, asc, eq, lte } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { members, users, villages } from '$lib/server/db/schema';
import { serviceRecords, volunteerCertificates, volunteerTeams } from '$lib/server/db/schema/teams';
import { notFound } from '$lib/server/errors';
import { memberTarget } from '$lib/server/people/targets';
import { authorize } from '$lib/server/permissions';

export type CertificateView = {
	number: string;
	/** The path of the public verification page (/verify/<number>?t=<token>). */
	verifyPath: string;
	memberName: string;
	village: { name: string; town: string };
	hours: number;
	issuedAt: string;
	issuerName: string;
	records: {
		serviceDate: string;
		teamName: string;
		content: string;
		place: string;
		hours: number;
		correction: string | null;
	}[];
};

/** A certificate to print: the member, the committee, or whoever acts for the member. */
export function getCertificate(viewer: Viewer | null, number: string): CertificateView {
	const c = db
		.select()
		.from(volunteerCertificates)
		.where(eq(volunteerCertificates.number, number))
		.get();
	if (!c) throw notFound();
	authorize(viewer, 'teams:certificate', memberTarget(c.memberId));
	const member = db
		.select({ name: members.name })
		.from(members)
		.where(eq(members.id, c.memberId))
		.get();
	const village = db
		.select({ name: villages.name, town: villages.town })
		.from(villages)
		.where(eq(villages.id, c.villageId))
		.get();
	const issuer = db.select({ name: users.name }).from(users).where(eq(users.id, c.issuedBy)).get();
	const records = db
		.select({
			serviceDate: serviceRecords.serviceDate,
			teamName: volunteerTeams.name,
			content: serviceRecords.content,
			place: serviceRecords.place,
			halfHours: serviceRecords.halfHours,
			correctionReason: serviceRecords.correctionReason
		})
		.from(serviceRecords)
		.innerJoin(volunteerTeams, eq(serviceRecords.teamId, volunteerTeams.id))
		.where(and(eq(serviceRecords.memberId, c.memberId), lte(serviceRecords.createdAt, c.issuedAt)))
		.orderBy(asc(serviceRecords.serviceDate), asc(serviceRecords.id))
		.all();
	return {
		number: c.number,
		verifyPath: `/verify/${encodeURIComponent(c.number)}?t=${c.token}`,
		memberName: member?.name ?? '',
		village: village ?? { name: '', town: '' },
		hours: c.totalHalfHours / 2,
		issuedAt: c.issuedAt.toISOString(),
		issuerName: issuer?.name ?? '',
		records: records.map((r) => ({
			serviceDate: r.serviceDate,
			teamName: r.teamName,
			content: r.content,
			place: r.place,
			hours: r.halfHours / 2,
			correction: r.correctionReason
		}))
	};
}
