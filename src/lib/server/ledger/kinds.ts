import type { EntryKind } from '$lib/server/db/schema';

/**
 * The sign each kind of entry must have (the same rule is a CHECK constraint on the table):
 * money in is positive, money out negative, and a correction reverses whatever it corrects.
 */
export function signIsValid(kind: EntryKind, points: number): boolean {
	switch (kind) {
		case 'earn':
		case 'refund':
			return points > 0;
		case 'deduct':
		case 'redeem':
		case 'expire':
			return points < 0;
		case 'correct':
			return points !== 0;
	}
}

/** Kinds a committee correction may reverse. Redemptions and refunds belong to the shop's order. */
export const CORRECTABLE_KINDS: ReadonlySet<EntryKind> = new Set([
	'earn',
	'deduct',
	'expire',
	'correct'
]);

/**
 * Kinds that count toward "points earned to date": deeds rewarded and deducted (and corrections of
 * those). Spending, refunds and expiry change the balance, not what the household has earned.
 */
export const DEED_KINDS: ReadonlySet<EntryKind> = new Set(['earn', 'deduct']);
