import { and, eq, gte, inArray, lt, ne, type SQL } from 'drizzle-orm';
import { maskName } from '$lib/realtime/mask';
import { db } from '$lib/server/db';
import { households, ledgerEntries, members, tenGroups, villages } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { deedEntries } from '$lib/server/ledger/deeds';
import type { PeriodBounds } from './period';

/** A village as the public pages name it; only active villages are public. */
export type PublicVillage = {
	id: number;
	name: string;
	code: string;
	town: string;
	showRankings: boolean;
};

export type VillageRef = { id: number } | { code: string };

export function publicVillage(ref: VillageRef): PublicVillage {
	const village = db
		.select({
			id: villages.id,
			name: villages.name,
			code: villages.code,
			town: villages.town,
			showRankings: villages.showRankings
		})
		.from(villages)
		.where(
			and(
				'id' in ref ? eq(villages.id, ref.id) : eq(villages.code, ref.code),
				eq(villages.active, true)
			)
		)
		.get();
	if (!village) throw new DomainError('not_found');
	return village;
}

/** One active household's deeds in a period — the public part only (masked head). */
export type Standing = {
	householdId: number;
	number: string;
	/** The head's name masked (张*安); null for a household without a head on record. */
	name: string | null;
	groupId: number | null;
	groupName: string | null;
	points: number;
};

/**
 * Every active household of the village with the points of its deeds in the period: earn and
 * deduct entries, and corrections of those (the same "deeds" as points earned to date), by the
 * entry's date. Redemptions, refunds and expiry are left out: spending points at the
 * supermarket, or letting them lapse, says nothing about a household's good deeds. So is the
 * opening balance carried over from paper passbooks: it was earned before, not in the period.
 */
export function periodStandings(villageId: number, period: PeriodBounds): Standing[] {
	const rows = db
		.select({
			householdId: households.id,
			number: households.number,
			headName: members.name,
			groupId: tenGroups.id,
			groupName: tenGroups.name
		})
		.from(households)
		.leftJoin(members, eq(members.id, households.headMemberId))
		.leftJoin(
			tenGroups,
			// A deactivated group is off the village's boards; its households stand ungrouped.
			and(eq(tenGroups.id, households.tenGroupId), eq(tenGroups.active, true))
		)
		.where(and(eq(households.villageId, villageId), eq(households.active, true)))
		.all();
	const entries = deedLikeEntries(
		period,
		and(eq(ledgerEntries.villageId, villageId), gte(ledgerEntries.createdAt, period.from))
	);
	// A correction counts as a deed only through what it corrects, which may be older than the
	// period: fetch those originals (and theirs, for a correction of a correction) by id, rather
	// than the village's whole history. They only decide whether a correction counts; the date
	// filter below leaves them out of the sums.
	const known = new Set(entries.map((e) => e.id));
	let missing = correctedOutside(entries, known);
	while (missing.length > 0) {
		const found: typeof entries = [];
		for (let i = 0; i < missing.length; i += 500) {
			const ids = missing.slice(i, i + 500);
			// By id alone, so SQLite looks them up by rowid (a village filter here would have it
			// walk the village's entries instead); a correction and its original share a household.
			found.push(...deedLikeEntries(period, inArray(ledgerEntries.id, ids)));
		}
		for (const e of found) known.add(e.id);
		entries.push(...found);
		missing = correctedOutside(found, known);
	}
	const byHousehold = new Map<number, typeof entries>();
	for (const e of entries) {
		const list = byHousehold.get(e.householdId);
		if (list) list.push(e);
		else byHousehold.set(e.householdId, [e]);
	}
	const from = period.from.getTime();
	return rows.map((r) => ({
		householdId: r.householdId,
		number: r.number,
		name: r.headName ? maskName(r.headName) : null,
		groupId: r.groupId,
		groupName: r.groupName,
		points: deedEntries(byHousehold.get(r.householdId) ?? [])
			.filter((e) => e.createdAt.getTime() >= from)
			.reduce((sum, e) => sum + e.points, 0)
	}));
}

/**
 * The entries `where` picks that may be deeds (earn, deduct, correct) and are older than the
 * period's end. What paper passbooks carried over when the village went digital
 * (opening_balance) was earned before, so it is never one.
 */
function deedLikeEntries(period: PeriodBounds, where: SQL | undefined) {
	return db
		.select({
			id: ledgerEntries.id,
			householdId: ledgerEntries.householdId,
			kind: ledgerEntries.kind,
			points: ledgerEntries.points,
			memberId: ledgerEntries.memberId,
			sourceType: ledgerEntries.sourceType,
			sourceId: ledgerEntries.sourceId,
			createdAt: ledgerEntries.createdAt
		})
		.from(ledgerEntries)
		.where(
			and(
				inArray(ledgerEntries.kind, ['earn', 'deduct', 'correct']),
				ne(ledgerEntries.sourceType, 'opening_balance'),
				lt(ledgerEntries.createdAt, period.to),
				where
			)
		)
		.all();
}

/** The entries that `entries`' corrections reverse and that are not in `known` yet. */
function correctedOutside(
	entries: readonly { kind: string; sourceType: string; sourceId: number }[],
	known: ReadonlySet<number>
): number[] {
	const ids = new Set<number>();
	for (const e of entries) {
		if (e.kind === 'correct' && e.sourceType === 'entry' && !known.has(e.sourceId)) {
			ids.add(e.sourceId);
		}
	}
	return [...ids];
}

/**
 * Competition ranking ("1, 1, 3"): equal points share a rank and the next rank skips. Sorted by
 * points, highest first; `tieBreak` only orders rows of equal rank for display.
 */
export function rank<T extends { points: number }>(
	rows: readonly T[],
	tieBreak: (a: T, b: T) => number
): (T & { rank: number })[] {
	const sorted = [...rows].sort((a, b) => b.points - a.points || tieBreak(a, b));
	let previous: number | null = null;
	let current = 0;
	return sorted.map((row, i) => {
		if (row.points !== previous) {
			current = i + 1;
			previous = row.points;
		}
		return { ...row, rank: current };
	});
}
