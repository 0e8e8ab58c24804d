import { eq } from 'drizzle-orm';
import { db, type Tx } from '$lib/server/db';
import { careSettings, DEFAULT_CARE_INTERVALS } from '$lib/server/db/schema/care';
import type { RiskTier } from '$lib/server/db/schema';
import { addDays } from '$lib/server/ledger/expiry-policy';

export type CareIntervals = Record<RiskTier, number>;

/** The village's visit interval in days per risk tier (the defaults until the committee sets them). */
export function careIntervals(q: Tx | typeof db, villageId: number): CareIntervals {
	const row = q.select().from(careSettings).where(eq(careSettings.villageId, villageId)).get();
	return row
		? { high: row.highDays, medium: row.mediumDays, low: row.lowDays }
		: { ...DEFAULT_CARE_INTERVALS };
}

/** An elder with tags but no tier yet is visited on the longest (low) interval until one is set. */
export const tierOf = (tier: RiskTier | null): RiskTier => tier ?? 'low';

export type CareStatus = 'overdue' | 'due' | 'ok';

/**
 * Next visit = last visit + the tier's interval; never visited → due today. Overdue once that day
 * has passed; due on the day itself; ok before it (dueThisWeek marks the next seven days to plan).
 */
export function schedule(
	lastVisitedOn: string | null,
	intervalDays: number,
	today: string
): { nextDue: string; status: CareStatus; dueThisWeek: boolean } {
	const nextDue = lastVisitedOn === null ? today : addDays(lastVisitedOn, intervalDays);
	const status: CareStatus = nextDue < today ? 'overdue' : nextDue === today ? 'due' : 'ok';
	return { nextDue, status, dueThisWeek: nextDue <= addDays(today, 6) };
}
