import { and, desc, eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { households, members, type CareTag, type RiskTier } from '$lib/server/db/schema';
import { careVisits } from '$lib/server/db/schema/care';
import { notFound } from '$lib/server/errors';
import { villageDay } from '$lib/server/ledger/expiry-policy';
import { authorize } from '$lib/server/permissions';
import { careTarget } from './care-target';
import { careIntervals, schedule, tierOf, type CareStatus } from './intervals';
import { visitRows, type VisitRow } from './visit-rows';

export type CareElder = {
	memberId: number;
	villageId: number;
	name: string;
	birthYear: number | null;
	householdNumber: string;
	careTags: CareTag[];
	riskTier: RiskTier | null;
	intervalDays: number;
	nextDue: string;
	status: CareStatus;
	visits: VisitRow[];
};

/** One tagged elder's care record: tags, tier, schedule and every visit, newest first. */
export function getCareElder(viewer: Viewer | null, memberId: number, now = new Date()): CareElder {
	const elder = db
		.select({
			memberId: members.id,
			villageId: members.villageId,
			name: members.name,
			birthYear: members.birthYear,
			careTags: members.careTags,
			riskTier: members.riskTier,
			householdNumber: households.number
		})
		.from(members)
		.innerJoin(households, eq(members.householdId, households.id))
		.where(eq(members.id, memberId))
		.get();
	if (!elder) throw notFound();
	authorize(viewer, 'care:view', careTarget(elder.villageId));
	if (elder.careTags.length === 0) throw notFound();
	const visits = visitRows()
		.where(and(eq(careVisits.elderMemberId, memberId)))
		.orderBy(desc(careVisits.visitedOn), desc(careVisits.id))
		.all();
	const intervalDays = careIntervals(db, elder.villageId)[tierOf(elder.riskTier)];
	const s = schedule(visits[0]?.visitedOn ?? null, intervalDays, villageDay(now));
	return { ...elder, intervalDays, nextDue: s.nextDue, status: s.status, visits };
}
