import { and, asc, between, eq, sql } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { RISK_TIERS, households, members, tenGroups, type RiskTier } from '$lib/server/db/schema';
import { careVisits } from '$lib/server/db/schema/care';
import { DomainError } from '$lib/server/errors';
import { addDays, villageDay } from '$lib/server/ledger/expiry-policy';
import { authorize } from '$lib/server/permissions';
import { careTarget } from './care-target';
import { careIntervals, tierOf } from './intervals';
import { visitRows, type VisitRow } from './visit-rows';

export type CoverageElder = {
	name: string;
	householdNumber: string;
	groupName: string | null;
	tier: RiskTier;
	lastVisitedOn: string | null;
	onSchedule: boolean;
	visitsInMonth: number;
};

export type CoverageReport = {
	month: string;
	/** The day coverage is measured on: the month's last day, or today for the current month. */
	asOf: string;
	elders: number;
	onSchedule: number;
	/** Whole per cent of tagged elders on schedule (0 when there are none). */
	share: number;
	byTier: { tier: RiskTier; elders: number; onSchedule: number }[];
	visits: VisitRow[];
	halfHours: number;
	followUps: number;
	rows: CoverageElder[];
};

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Visits and coverage for one month: every tagged elder is on schedule when, on the measuring
 * day, their last visit is no older than their tier's interval (the same rule as the worklist's
 * "not overdue").
 */
export function careCoverage(
	viewer: Viewer | null,
	villageId: number,
	options: { month?: string | null; now?: Date } = {}
): CoverageReport {
	authorize(viewer, 'care:manage', careTarget(villageId));
	const today = villageDay(options.now ?? new Date());
	const month = options.month ?? today.slice(0, 7);
	if (!MONTH.test(month)) throw new DomainError('validation');
	const first = `${month}-01`;
	const [y, mo] = month.split('-').map(Number) as [number, number];
	const nextFirst = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
	const monthEnd = addDays(nextFirst, -1);
	const asOf = monthEnd < today ? monthEnd : today;
	const intervals = careIntervals(db, villageId);

	const elders = db
		.select({
			id: members.id,
			name: members.name,
			riskTier: members.riskTier,
			householdNumber: households.number,
			groupName: tenGroups.name
		})
		.from(members)
		.innerJoin(households, eq(members.householdId, households.id))
		.leftJoin(tenGroups, eq(households.tenGroupId, tenGroups.id))
		.where(
			and(
				eq(members.villageId, villageId),
				eq(members.active, true),
				sql`json_array_length(${members.careTags}) > 0`
			)
		)
		.orderBy(asc(tenGroups.name), asc(households.number), asc(members.id))
		.all();
	const lastBy = new Map(
		db
			.select({ elder: careVisits.elderMemberId, on: sql<string>`max(${careVisits.visitedOn})` })
			.from(careVisits)
			.where(and(eq(careVisits.villageId, villageId), sql`${careVisits.visitedOn} <= ${asOf}`))
			.groupBy(careVisits.elderMemberId)
			.all()
			.map((r) => [r.elder, r.on])
	);
	const visits = visitRows()
		.where(and(eq(careVisits.villageId, villageId), between(careVisits.visitedOn, first, monthEnd)))
		.orderBy(asc(careVisits.visitedOn), asc(careVisits.id))
		.all();
	const inMonth = new Map<number, number>();
	for (const v of visits) inMonth.set(v.elderMemberId, (inMonth.get(v.elderMemberId) ?? 0) + 1);

	const rows: CoverageElder[] = elders.map((e) => {
		const tier = tierOf(e.riskTier);
		const lastVisitedOn = lastBy.get(e.id) ?? null;
		return {
			name: e.name,
			householdNumber: e.householdNumber,
			groupName: e.groupName,
			tier,
			lastVisitedOn,
			onSchedule: lastVisitedOn !== null && addDays(lastVisitedOn, intervals[tier]) >= asOf,
			visitsInMonth: inMonth.get(e.id) ?? 0
		};
	});
	const onSchedule = rows.filter((r) => r.onSchedule).length;
	return {
		month,
		asOf,
		elders: rows.length,
		onSchedule,
		share: rows.length === 0 ? 0 : Math.round((onSchedule * 100) / rows.length),
		byTier: RISK_TIERS.map((tier) => ({
			tier,
			elders: rows.filter((r) => r.tier === tier).length,
			onSchedule: rows.filter((r) => r.tier === tier && r.onSchedule).length
		})),
		visits,
		halfHours: visits.reduce((n, v) => n + (v.halfHours ?? 0), 0),
		followUps: visits.filter((v) => v.followUp).length,
		rows
	};
}
