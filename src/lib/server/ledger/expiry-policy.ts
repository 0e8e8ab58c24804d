import type { Village } from '$lib/server/db/schema';

/**
 * Points expiry (积分到期), the pure part: which days points lapse on and how many.
 *
 * Everything is in village calendar days (Asia/Shanghai, "YYYY-MM-DD") wherever the server runs;
 * a cutoff day D starts at 00:00 village time, so points due on D must be spent by the day before.
 *
 * - `yearly` on MM-DD (年底清零 style): on D every point earned before D that the household has
 *   not spent yet lapses.
 * - `after_years` N: points lapse N years after they were earned. The job looks at it once a
 *   month: the cutoffs are the 1st of every month and on D the points earned before the same day
 *   N years earlier lapse — so a point lapses on the first 1st of a month after it is N years old.
 *
 * Both are first-in-first-out: whatever the household spent (redeemed, deducted, corrected away,
 * lapsed at an earlier cutoff, or holds for an open shop order) is taken from its oldest points
 * first. So the amount due at a cutoff is max(0, points earned before the cutoff's line − every
 * point taken out to date), never more than what the household can still spend. Because that amount only grows with later cutoffs, a cutoff that
 * was missed is covered by the next one and nothing can lapse twice.
 */

export type ExpiryPolicy = Pick<Village, 'expiryPolicy' | 'expiryDate' | 'expiryYears'>;

const DAY = 86_400_000;
const VILLAGE_DAY = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Asia/Shanghai',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/** The village's calendar day of an instant, "YYYY-MM-DD". */
export function villageDay(at: Date): string {
	return VILLAGE_DAY.format(at);
}

/** 00:00 village time on `day`. (China has had no daylight saving since 1991.) */
export function startOfVillageDay(day: string): Date {
	return new Date(`${day}T00:00:00+08:00`);
}

/** `day` plus `n` calendar days (n may be negative). */
export function addDays(day: string, n: number): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Whether the village's settings make points lapse at all. */
export function expires(policy: ExpiryPolicy): boolean {
	if (policy.expiryPolicy === 'yearly') return /^\d{2}-\d{2}$/.test(policy.expiryDate ?? '');
	if (policy.expiryPolicy === 'after_years') return (policy.expiryYears ?? 0) >= 1;
	return false;
}

/** The cutoff of the policy in the year/month of `day` ("YYYY-MM-DD"). */
function cutoffIn(policy: ExpiryPolicy, year: number, month: number): string {
	return policy.expiryPolicy === 'yearly'
		? `${year}-${policy.expiryDate}`
		: `${year}-${pad(month)}-01`;
}

/** The last cutoff on or before `day`, or null when the policy never expires. */
export function lastCutoffOnOrBefore(policy: ExpiryPolicy, day: string): string | null {
	if (!expires(policy)) return null;
	const year = Number(day.slice(0, 4));
	const month = Number(day.slice(5, 7));
	if (policy.expiryPolicy === 'yearly') {
		const thisYear = cutoffIn(policy, year, 1);
		return thisYear <= day ? thisYear : cutoffIn(policy, year - 1, 1);
	}
	return cutoffIn(policy, year, month);
}

/** Cutoffs after `day` up to and including `until`, in order. */
export function cutoffsAfter(policy: ExpiryPolicy, day: string, until: string): string[] {
	if (!expires(policy)) return [];
	const out: string[] = [];
	let year = Number(day.slice(0, 4));
	let month = Number(day.slice(5, 7));
	for (;;) {
		const c = cutoffIn(policy, year, month);
		if (c > until) return out;
		if (c > day) out.push(c);
		if (policy.expiryPolicy === 'yearly') year++;
		else if (month === 12) [year, month] = [year + 1, 1];
		else month++;
	}
}

/** The first cutoff after `day` (null: never expires). */
export function nextCutoffAfter(policy: ExpiryPolicy, day: string): string | null {
	if (!expires(policy)) return null;
	// A year ahead always holds the next cutoff of either policy.
	return cutoffsAfter(policy, day, addDays(day, 366))[0] ?? null;
}

/** Points earned before this instant lapse at `cutoff`. */
export function earnedBeforeLine(policy: ExpiryPolicy, cutoff: string): Date {
	if (policy.expiryPolicy === 'after_years') {
		const years = policy.expiryYears ?? 0;
		const then = `${Number(cutoff.slice(0, 4)) - years}${cutoff.slice(4)}`;
		return startOfVillageDay(then);
	}
	return startOfVillageDay(cutoff);
}

/**
 * First-in-first-out: the points earned before the line not yet taken out by any spending (all
 * negative entries to date, earlier expiries included), and never more than the balance.
 */
export function amountDue(t: { earnedBefore: number; takenOut: number; balance: number }): number {
	return Math.max(0, Math.min(t.earnedBefore - t.takenOut, t.balance));
}

/**
 * The day a warned cutoff's points actually lapse. Normally the cutoff itself. A household first
 * warned on or after the cutoff (the server was down through the warning window, or the policy
 * was only just set) still gets the village's full warning period from the day it was warned.
 */
export function lapsesOn(cutoff: string, warnedOn: string, warnDays: number): string {
	if (warnedOn < cutoff) return cutoff;
	const late = addDays(warnedOn, warnDays);
	return late > cutoff ? late : cutoff;
}
