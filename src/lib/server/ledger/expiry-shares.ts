import { and, asc, eq, gt, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { DB, Tx } from '$lib/server/db';
import {
	ledgerEntries,
	pointExpiries,
	shopOrders,
	type PointExpiry,
	type Village
} from '$lib/server/db/schema';
import { amountDue, earnedBeforeLine, lapsesOn, villageDay } from './expiry-policy';

/**
 * Where a household stands now, as amountDue needs it. Points held for an open shop order count
 * as spent: a household that ordered after its warning must get its goods at the handover, even
 * if that comes after the cutoff.
 */
export function ledgerFigures(q: Tx | DB, householdId: number) {
	const row = q
		.select({
			takenOut: sql<number>`coalesce(-sum(case when ${ledgerEntries.points} < 0 then ${ledgerEntries.points} end), 0)`,
			balance: sql<number>`coalesce(sum(${ledgerEntries.points}), 0)`
		})
		.from(ledgerEntries)
		.where(eq(ledgerEntries.householdId, householdId))
		.get();
	const reserved = Number(
		q
			.select({ n: sql<number>`coalesce(sum(${shopOrders.totalPoints}), 0)` })
			.from(shopOrders)
			.where(and(eq(shopOrders.householdId, householdId), eq(shopOrders.status, 'reserved')))
			.get()?.n ?? 0
	);
	const earnedBefore = (line: Date) =>
		Number(
			q
				.select({ n: sql<number>`coalesce(sum(${ledgerEntries.points}), 0)` })
				.from(ledgerEntries)
				.where(
					and(
						eq(ledgerEntries.householdId, householdId),
						gt(ledgerEntries.points, 0),
						lt(ledgerEntries.createdAt, line)
					)
				)
				.get()?.n ?? 0
		);
	return {
		takenOut: Number(row?.takenOut ?? 0) + reserved,
		/** What can still be spent: the ledger balance less the points held for open orders. */
		balance: Number(row?.balance ?? 0) - reserved,
		earnedBefore
	};
}

export type OpenShare = { row: PointExpiry; points: number; lapsesOn: string };

/**
 * A household's warned, not yet lapsed expiries with what each would take as the ledger stands
 * now (each cutoff its own share: amounts are cumulative under FIFO), and the day it lapses.
 * Shares that spending has brought to 0 are left out.
 */
export function openExpiryShares(
	q: Tx | DB,
	village: Pick<Village, 'expiryPolicy' | 'expiryDate' | 'expiryYears' | 'expiryWarnDays'>,
	householdId: number
): OpenShare[] {
	const rows = q
		.select()
		.from(pointExpiries)
		.where(
			and(
				eq(pointExpiries.householdId, householdId),
				isNull(pointExpiries.expiredAt),
				isNotNull(pointExpiries.warnedAt)
			)
		)
		.orderBy(asc(pointExpiries.cutoff))
		.all();
	if (rows.length === 0) return [];
	const f = ledgerFigures(q, householdId);
	let shown = 0;
	const out: OpenShare[] = [];
	for (const row of rows) {
		const due = amountDue({
			earnedBefore: f.earnedBefore(earnedBeforeLine(village, row.cutoff)),
			takenOut: f.takenOut,
			balance: f.balance
		});
		const points = due - shown;
		shown = Math.max(shown, due);
		if (points <= 0) continue;
		const warnedOn = villageDay(row.warnedAt ?? row.createdAt);
		out.push({ row, points, lapsesOn: lapsesOn(row.cutoff, warnedOn, village.expiryWarnDays) });
	}
	return out;
}
