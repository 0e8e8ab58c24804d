import { and, eq, gte, inArray, sql, sum } from 'drizzle-orm';
import { db, type Tx } from '$lib/server/db';
import { serviceRecords } from '$lib/server/db/schema/teams';

type Q = Tx | typeof db;

/**
 * Points for a record: the village rate per hour × hours, rounded toward zero (a half hour at an
 * odd rate loses the half point). Signed like the half-hours.
 */
export function pointsFor(pointsPerHour: number, halfHours: number): number {
	return Math.sign(halfHours) * Math.floor((pointsPerHour * Math.abs(halfHours)) / 2);
}

/** A member's confirmed half-hours to date: every record and correction (hours never expire). */
export function memberHalfHours(q: Q, memberId: number): number {
	const row = q
		.select({ n: sum(serviceRecords.halfHours) })
		.from(serviceRecords)
		.where(eq(serviceRecords.memberId, memberId))
		.get();
	return Number(row?.n ?? 0);
}

/** Confirmed half-hours per member, optionally within one team and from a date on. */
export function halfHoursByMember(
	q: Q,
	memberIds: number[],
	options: { teamId?: number; from?: string } = {}
): Map<number, number> {
	if (memberIds.length === 0) return new Map();
	const rows = q
		.select({ memberId: serviceRecords.memberId, n: sum(serviceRecords.halfHours) })
		.from(serviceRecords)
		.where(
			and(
				inArray(serviceRecords.memberId, memberIds),
				options.teamId === undefined ? undefined : eq(serviceRecords.teamId, options.teamId),
				options.from === undefined ? undefined : gte(serviceRecords.serviceDate, options.from)
			)
		)
		.groupBy(serviceRecords.memberId)
		.all();
	return new Map(rows.map((r) => [r.memberId, Number(r.n ?? 0)]));
}

/** A team's confirmed half-hours from a date on ("YYYY-MM-DD"). */
export function teamHalfHours(q: Q, teamId: number, from: string): number {
	const row = q
		.select({ n: sql<number>`coalesce(sum(${serviceRecords.halfHours}), 0)` })
		.from(serviceRecords)
		.where(and(eq(serviceRecords.teamId, teamId), gte(serviceRecords.serviceDate, from)))
		.get();
	return Number(row?.n ?? 0);
}

/** "12.5" for 25 half-hours. */
export const formatHours = (halfHours: number): string =>
	halfHours % 2 === 0 ? String(halfHours / 2) : (halfHours / 2).toFixed(1);
