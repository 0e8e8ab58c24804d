import { eq } from 'drizzle-orm';
import { db, type DB, type Tx } from '$lib/server/db';
import { ledgerEntries } from '$lib/server/db/schema';
import { deedEntries } from './deeds';

/** The columns deedEntries needs, for one household. */
export function minimalEntries(householdId: number, q: DB | Tx = db) {
	return q
		.select({
			id: ledgerEntries.id,
			kind: ledgerEntries.kind,
			points: ledgerEntries.points,
			memberId: ledgerEntries.memberId,
			sourceType: ledgerEntries.sourceType,
			sourceId: ledgerEntries.sourceId
		})
		.from(ledgerEntries)
		.where(eq(ledgerEntries.householdId, householdId))
		.all();
}

/**
 * Points earned to date by a household: its deeds rewarded minus its deductions, corrections of
 * those included. Redemptions, refunds and expiry don't change it — it is what a village's
 * redemption threshold means by "points earned to date". Pass a transaction to read inside it.
 */
export function earnedToDate(householdId: number, q: DB | Tx = db): number {
	return deedEntries(minimalEntries(householdId, q)).reduce((sum, e) => sum + e.points, 0);
}
