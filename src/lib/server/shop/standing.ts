import { and, eq, sql } from 'drizzle-orm';
import { db, type DB, type Tx } from '$lib/server/db';
import { households, shopOrders, villages, type Village } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { earnedToDate } from '$lib/server/ledger/earned-to-date';

export type ShopStanding = {
	/** Ledger balance (cache of the entries' sum). */
	balance: number;
	/** Held back by the household's orders not yet handed over (not in the ledger yet). */
	reserved: number;
	/** What can still be spent: balance − reserved. */
	spendable: number;
	/** Points earned to date (deeds minus deductions). */
	earned: number;
	threshold: number;
	basis: Village['thresholdBasis'];
	/** The figure the threshold is measured on: spendable (basis 'balance') or earned. */
	measured: number;
	thresholdMet: boolean;
};

/**
 * Where a household stands at the shop. With basis 'balance' the threshold is measured on the
 * spendable points — the balance the household will have once its open orders are handed over —
 * so points already reserved can't lift it over the threshold a second time.
 */
export function shopStanding(householdId: number, q: DB | Tx = db): ShopStanding {
	const row = q
		.select({
			balance: households.balance,
			threshold: villages.redeemThreshold,
			basis: villages.thresholdBasis
		})
		.from(households)
		.innerJoin(villages, eq(villages.id, households.villageId))
		.where(eq(households.id, householdId))
		.get();
	if (!row) throw new DomainError('not_found');
	const reserved = Number(
		q
			.select({ n: sql<number>`coalesce(sum(${shopOrders.totalPoints}), 0)` })
			.from(shopOrders)
			.where(and(eq(shopOrders.householdId, householdId), eq(shopOrders.status, 'reserved')))
			.get()?.n ?? 0
	);
	const spendable = row.balance - reserved;
	const earned = earnedToDate(householdId, q);
	const measured = row.basis === 'earned' ? earned : spendable;
	return {
		balance: row.balance,
		reserved,
		spendable,
		earned,
		threshold: row.threshold,
		basis: row.basis,
		measured,
		thresholdMet: measured >= row.threshold
	};
}
