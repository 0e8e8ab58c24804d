/**
 * Shared by the rules-* and ledger-* integration tests: the invariants every ledger test ends
 * with (What must hold 1 and 3, and the hash chain), and small posting shortcuts.
 */
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { db, write } from '$lib/server/db';
import { households, ledgerEntries, type EntryKind } from '$lib/server/db/schema';
import { postEntry, type NewEntry } from '$lib/server/ledger/post-entry';
import { verifyLedger } from '$lib/server/ledger/verify-ledger';

/** Cached balance = sum of entries for every household, and every village's chain verifies. */
export function expectLedgerInvariants(): void {
	const mismatched = db
		.select({ id: households.id, balance: households.balance })
		.from(households)
		.where(
			sql`${households.balance} <> coalesce((select sum(${ledgerEntries.points}) from ${ledgerEntries} where ${ledgerEntries.householdId} = ${households.id}), 0)`
		)
		.all();
	expect(mismatched).toEqual([]);
	expect(verifyLedger()).toMatchObject({ ok: true });
}

let sourceSeq = 1_000_000;
/** A source id nothing else in the test file uses. */
export const nextSourceId = () => ++sourceSeq;

/** Posts one entry in its own write transaction (source 'test' unless given). */
export function post(
	entry: Omit<NewEntry, 'source' | 'kind'> & { kind?: EntryKind; source?: NewEntry['source'] }
) {
	return write((tx) =>
		postEntry(tx, {
			kind: entry.points > 0 ? 'earn' : 'deduct',
			source: { type: 'test', id: nextSourceId() },
			...entry
		})
	);
}
