import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db, sqlite, write } from '$lib/server/db';
import {
	GENESIS_HASH,
	households,
	ledgerEntries,
	type Household,
	type Village
} from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { earnedToDate } from '$lib/server/ledger/earned-to-date';
import { hashEntry } from '$lib/server/ledger/hash';
import { postEntry } from '$lib/server/ledger/post-entry';
import { makeFamily, makeMember, makeVillage } from '../factories';
import { expectLedgerInvariants, nextSourceId, post } from './ledger-helpers';

const balanceOf = (householdId: number) =>
	db.select().from(households).where(eq(households.id, householdId)).get()?.balance;

const codeOf = (fn: () => unknown): string | undefined => {
	try {
		fn();
	} catch (e) {
		return e instanceof DomainError ? e.code : String(e);
	}
	return undefined;
};

let village: Village;
let household: Household;

beforeEach(() => {
	village = makeVillage();
	household = makeFamily({ villageId: village.id }).household;
});
afterEach(() => expectLedgerInvariants());

describe('postEntry', () => {
	it('appends to the village chain and keeps the balance in step', () => {
		const first = post({ villageId: village.id, householdId: household.id, points: 10 }).entry;
		const second = post({ villageId: village.id, householdId: household.id, points: -3 }).entry;
		expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, balanceAfter: 10, kind: 'earn' });
		expect(second).toMatchObject({ seq: 2, prevHash: first.hash, balanceAfter: 7, kind: 'deduct' });
		expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
		expect(hashEntry({ ...second, createdAt: second.createdAt.getTime() })).toBe(second.hash);
		expect(balanceOf(household.id)).toBe(7);
	});

	it('chains each village on its own', () => {
		const other = makeVillage();
		const theirs = makeFamily({ villageId: other.id }).household;
		post({ villageId: village.id, householdId: household.id, points: 5 });
		const e = post({ villageId: other.id, householdId: theirs.id, points: 5 }).entry;
		expect(e).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
	});

	it('posts a retried source once and says so', () => {
		const source = { type: 'slip', id: nextSourceId() };
		const a = post({ villageId: village.id, householdId: household.id, points: 8, source });
		const b = post({ villageId: village.id, householdId: household.id, points: 8, source });
		expect(a.created).toBe(true);
		expect(b.created).toBe(false);
		expect(b.entry.id).toBe(a.entry.id);
		expect(balanceOf(household.id)).toBe(8);
		// The same source asking for something else is a conflict, not a silent success.
		expect(
			codeOf(() => post({ villageId: village.id, householdId: household.id, points: 9, source }))
		).toBe('conflict');
		// Another kind from the same source is its own entry (e.g. a redeem and its refund).
		const refund = post({
			villageId: village.id,
			householdId: household.id,
			points: -8,
			kind: 'deduct',
			source
		});
		expect(refund.created).toBe(true);
	});

	it('refuses a sign that does not fit the kind, in the service and in the table', () => {
		for (const [kind, points] of [
			['earn', -1],
			['deduct', 5],
			['redeem', 5],
			['refund', -5],
			['expire', 1],
			['correct', 0],
			['earn', 1.5]
		] as const) {
			expect(
				codeOf(() => post({ villageId: village.id, householdId: household.id, kind, points }))
			).toBe('validation');
		}
		expect(() =>
			sqlite
				.prepare(
					`INSERT INTO ledger_entries (village_id, seq, household_id, kind, points, source_type,
					source_id, created_at, balance_after, prev_hash, hash)
					VALUES (?, 99, ?, 'earn', -5, 'raw', 1, 0, -5, ?, ?)`
				)
				.run(village.id, household.id, GENESIS_HASH, GENESIS_HASH)
		).toThrow(/CHECK constraint failed/);
		expect(balanceOf(household.id)).toBe(0);
	});

	it('never lets spending take a balance below zero', () => {
		post({ villageId: village.id, householdId: household.id, points: 10 });
		expect(
			codeOf(() =>
				post({ villageId: village.id, householdId: household.id, kind: 'redeem', points: -11 })
			)
		).toBe('insufficient_points');
		post({ villageId: village.id, householdId: household.id, kind: 'redeem', points: -10 });
		expect(balanceOf(household.id)).toBe(0);
		// A deduction may (the household then owes points).
		post({ villageId: village.id, householdId: household.id, points: -5 });
		expect(balanceOf(household.id)).toBe(-5);
	});

	it('refuses a household of another village and a member of another household', () => {
		const other = makeVillage();
		const stranger = makeFamily({ villageId: other.id });
		expect(
			codeOf(() => post({ villageId: village.id, householdId: stranger.household.id, points: 1 }))
		).toBe('not_found');
		expect(
			codeOf(() =>
				post({
					villageId: village.id,
					householdId: household.id,
					memberId: stranger.head.id,
					points: 1
				})
			)
		).toBe('validation');
		const member = makeMember({ householdId: household.id });
		const e = post({
			villageId: village.id,
			householdId: household.id,
			memberId: member.id,
			points: 1
		});
		expect(e.entry.memberId).toBe(member.id);
	});

	it('stops posting when the cached balance no longer matches the ledger', () => {
		post({ villageId: village.id, householdId: household.id, points: 4 });
		// Someone edits the cache behind the ledger's back …
		db.update(households).set({ balance: 400 }).where(eq(households.id, household.id)).run();
		expect(
			codeOf(() => post({ villageId: village.id, householdId: household.id, points: 1 }))
		).toBe('ledger_inconsistent');
		// (put it back so the invariants hold for afterEach)
		db.update(households).set({ balance: 4 }).where(eq(households.id, household.id)).run();
	});

	it('rolls back with the caller’s transaction', () => {
		expect(() =>
			write((tx) => {
				postEntry(tx, {
					villageId: village.id,
					householdId: household.id,
					kind: 'earn',
					points: 10,
					source: { type: 'test', id: nextSourceId() }
				});
				throw new Error('caller fails after posting');
			})
		).toThrow('caller fails');
		expect(balanceOf(household.id)).toBe(0);
		expect(
			db.select().from(ledgerEntries).where(eq(ledgerEntries.householdId, household.id)).all()
		).toEqual([]);
	});
});

describe('the table itself', () => {
	it('refuses UPDATE and DELETE of an entry', () => {
		const { entry } = post({ villageId: village.id, householdId: household.id, points: 3 });
		expect(() =>
			sqlite.prepare('UPDATE ledger_entries SET points = 300 WHERE id = ?').run(entry.id)
		).toThrow(/append-only/);
		expect(() => sqlite.prepare('DELETE FROM ledger_entries WHERE id = ?').run(entry.id)).toThrow(
			/append-only/
		);
		expect(db.select().from(ledgerEntries).where(eq(ledgerEntries.id, entry.id)).get()).toEqual(
			entry
		);
	});
});

describe('earnedToDate', () => {
	it('counts deeds and deductions (and their corrections), not spending, refunds or expiry', () => {
		const h = household.id;
		const v = village.id;
		const deed = post({ villageId: v, householdId: h, points: 50 }).entry;
		post({ villageId: v, householdId: h, points: -10 });
		post({ villageId: v, householdId: h, kind: 'redeem', points: -30 });
		post({ villageId: v, householdId: h, kind: 'refund', points: 30 });
		post({ villageId: v, householdId: h, kind: 'expire', points: -5 });
		expect(earnedToDate(h)).toBe(40);
		const undo = post({
			villageId: v,
			householdId: h,
			kind: 'correct',
			points: -50,
			source: { type: 'entry', id: deed.id }
		}).entry;
		expect(earnedToDate(h)).toBe(-10);
		post({
			villageId: v,
			householdId: h,
			kind: 'correct',
			points: 50,
			source: { type: 'entry', id: undo.id }
		});
		expect(earnedToDate(h)).toBe(40);
		expect(balanceOf(h)).toBe(35);
	});
});
