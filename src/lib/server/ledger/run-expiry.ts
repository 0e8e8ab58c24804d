import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { recordAudit } from '$lib/server/audit/record-audit';
import { db, write, type Tx } from '$lib/server/db';
import {
	households,
	pointExpiries,
	villages,
	type PointExpiry,
	type Village
} from '$lib/server/db/schema';
import { recordFeed } from '$lib/server/realtime/publish';
import { roomName } from '$lib/realtime/events';
import {
	addDays,
	amountDue,
	cutoffsAfter,
	earnedBeforeLine,
	expires,
	lapsesOn,
	lastCutoffOnOrBefore,
	villageDay
} from './expiry-policy';
import { ledgerFigures } from './expiry-shares';
import { postEntry } from './post-entry';

export type ExpiryRun = { warned: number; expired: number; points: number };

/**
 * One household, in the caller's transaction: warn about each cutoff in `cutoffs` it has points
 * due at (once: the row is the record of the warning), then post the expiry of every warned
 * cutoff whose day has come.
 */
function expireHousehold(
	tx: Tx,
	village: Village,
	householdId: number,
	cutoffs: string[],
	now: Date
): ExpiryRun {
	const result: ExpiryRun = { warned: 0, expired: 0, points: 0 };
	const today = villageDay(now);
	const rows = tx
		.select()
		.from(pointExpiries)
		.where(eq(pointExpiries.householdId, householdId))
		.orderBy(asc(pointExpiries.cutoff))
		.all();
	const byCutoff = new Map(rows.map((r) => [r.cutoff, r]));
	const open: PointExpiry[] = rows.filter((r) => r.expiredAt === null);

	// Warnings: amounts are cumulative across cutoffs (FIFO), so each warns only its own share.
	const f = ledgerFigures(tx, householdId);
	let shown = 0;
	const pending = [...new Set([...open.map((r) => r.cutoff), ...cutoffs])].sort();
	for (const cutoff of pending) {
		const due = amountDue({
			earnedBefore: f.earnedBefore(earnedBeforeLine(village, cutoff)),
			takenOut: f.takenOut,
			balance: f.balance
		});
		const share = due - shown;
		shown = Math.max(shown, due);
		if (byCutoff.has(cutoff) || share <= 0) continue;
		const row = tx
			.insert(pointExpiries)
			.values({
				villageId: village.id,
				householdId,
				cutoff,
				warnedPoints: share,
				warnedAt: now
			})
			.returning()
			.get();
		open.push(row);
		byCutoff.set(cutoff, row);
		recordFeed(tx, {
			villageId: village.id,
			room: roomName('household', householdId),
			type: 'points_expiring',
			payload: { points: share, cutoff: lapsesOn(cutoff, today, village.expiryWarnDays) }
		});
		result.warned++;
	}

	open.sort((a, b) => a.cutoff.localeCompare(b.cutoff));
	for (const row of open) {
		const warnedOn = villageDay(row.warnedAt ?? now);
		if (today < lapsesOn(row.cutoff, warnedOn, village.expiryWarnDays)) continue;
		// Recomputed now: what the household spent since the warning is no longer due.
		const fresh = ledgerFigures(tx, householdId);
		const points = amountDue({
			earnedBefore: fresh.earnedBefore(earnedBeforeLine(village, row.cutoff)),
			takenOut: fresh.takenOut,
			balance: fresh.balance
		});
		const done = tx
			.update(pointExpiries)
			.set({ expiredAt: now, expiredPoints: points })
			.where(and(eq(pointExpiries.id, row.id), isNull(pointExpiries.expiredAt)))
			.returning({ id: pointExpiries.id })
			.get();
		if (!done || points === 0) continue;
		const { created } = postEntry(tx, {
			villageId: village.id,
			householdId,
			kind: 'expire',
			points: -points,
			source: { type: 'expiry', id: row.id },
			note: row.cutoff,
			actorUserId: null,
			at: now
		});
		if (!created) continue;
		recordFeed(tx, {
			villageId: village.id,
			room: roomName('household', householdId),
			type: 'points_expired',
			payload: { points }
		});
		recordAudit(tx, {
			villageId: village.id,
			actorUserId: null,
			action: 'points.expire',
			subjectType: 'household',
			subjectId: householdId,
			detail: { cutoff: row.cutoff, points, expiryId: row.id }
		});
		result.expired++;
		result.points += points;
	}
	return result;
}

/**
 * The expiry job, at startup and every hour (expiry-timer.ts): for every village whose policy
 * lets points lapse, warns households with points due at a cutoff within the village's warning
 * period, and at the cutoff posts an `expire` entry (source ('expiry', row id)) for what is due
 * then. One transaction per household; the point_expiries rows and the ledger's source
 * uniqueness make it idempotent however often it runs.
 *
 * Catching up after downtime: the last cutoff on or before today is looked at as well, so a
 * warned cutoff that passed while the server was down still expires (once) on the next run. A
 * household never warned before its cutoff — the server was down through the whole warning
 * period, or the committee only just set the policy — is warned now and its points lapse after a
 * full warning period instead (lapsesOn): points never lapse without notice.
 */
export function runExpiry(now: Date = new Date()): ExpiryRun {
	const result: ExpiryRun = { warned: 0, expired: 0, points: 0 };
	const today = villageDay(now);
	const list = db.select().from(villages).where(eq(villages.active, true)).all();
	for (const village of list) {
		if (!expires(village)) continue;
		const last = lastCutoffOnOrBefore(village, today);
		const upcoming = cutoffsAfter(village, today, addDays(today, village.expiryWarnDays));
		const cutoffs = last ? [last, ...upcoming] : upcoming;
		// Households with points, and any with a warning still open (to close it at 0).
		const ids = db
			.select({ id: households.id })
			.from(households)
			.where(
				and(
					eq(households.villageId, village.id),
					or(
						gt(households.balance, 0),
						sql`exists (select 1 from ${pointExpiries} where ${pointExpiries.householdId} = ${households.id} and ${pointExpiries.expiredAt} is null)`
					)
				)
			)
			.orderBy(asc(households.id))
			.all();
		for (const { id } of ids) {
			try {
				const done = write((tx) => expireHousehold(tx, village, id, cutoffs, now));
				result.warned += done.warned;
				result.expired += done.expired;
				result.points += done.points;
			} catch (error) {
				// One household's problem (e.g. a ledger that fails its check) must not hold up the
				// rest; it is tried again on the next run.
				console.error(`[jishan] expiring points of household ${id} failed`, error);
			}
		}
	}
	return result;
}
