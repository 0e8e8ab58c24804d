import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as api from '$lib/server/api/endpoints/ledger';
import { loadViewer, type Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { auditLog, households, ledgerEntries, type Village } from '$lib/server/db/schema';
import { DomainError, type ErrorCode } from '$lib/server/errors';
import { correctEntry } from '$lib/server/ledger/correct-entry';
import { makeFamily, makeMember, makeUser, makeVillage } from '../factories';
import { callEndpoint } from './api-helpers';
import { expectLedgerInvariants, post } from './ledger-helpers';

const entryCount = () => db.select({ n: count() }).from(ledgerEntries).get()?.n;

function expectRefused(code: ErrorCode, fn: () => unknown) {
	const before = entryCount();
	let caught: unknown;
	try {
		fn();
	} catch (e) {
		caught = e;
	}
	expect(caught).toBeInstanceOf(DomainError);
	expect((caught as DomainError).code).toBe(code);
	expect(entryCount()).toBe(before);
}

let village: Village;
let committee: Viewer;
let householdId: number;
let memberId: number;

beforeEach(() => {
	village = makeVillage();
	committee = loadViewer(makeUser({ villageId: village.id, roles: ['committee'] }));
	const family = makeFamily({ villageId: village.id });
	householdId = family.household.id;
	memberId = makeMember({ householdId }).id;
});
afterEach(() => expectLedgerInvariants());

describe('correcting an entry', () => {
	it('posts a reversing entry with the reason, for the same household and member', () => {
		const deed = post({ villageId: village.id, householdId, memberId, points: 20 }).entry;
		const fix = correctEntry(committee, deed.id, { reason: '重复登记，予以更正' });
		expect(fix).toMatchObject({
			kind: 'correct',
			points: -20,
			balanceAfter: 0,
			memberId,
			note: '重复登记，予以更正',
			source: { type: 'entry', id: deed.id },
			actorName: committee.name
		});
		const audit = db.select().from(auditLog).orderBy(auditLog.id).all().at(-1);
		expect(audit).toMatchObject({ action: 'ledger.correct', subjectId: deed.id });
		// The original is untouched and now points at its correction.
		expect(db.select().from(ledgerEntries).where(eq(ledgerEntries.id, deed.id)).get()).toEqual(
			deed
		);
	});

	it('corrects an entry once; a correction may be reversed once, putting the points back', () => {
		const deduction = post({ villageId: village.id, householdId, points: -10 }).entry;
		const fix = correctEntry(committee, deduction.id, { reason: '经核实系误记' });
		expectRefused('ledger_already_corrected', () =>
			correctEntry(committee, deduction.id, { reason: '再次更正' })
		);
		const back = correctEntry(committee, fix.id, { reason: '更正有误，恢复原扣分' });
		expect(back.points).toBe(-10);
		expectRefused('ledger_already_corrected', () =>
			correctEntry(committee, fix.id, { reason: '再次更正' })
		);
		expect(db.select().from(households).where(eq(households.id, householdId)).get()?.balance).toBe(
			-10
		);
	});

	it('leaves redemptions and refunds to the supermarket', () => {
		post({ villageId: village.id, householdId, points: 50 });
		const redeem = post({ villageId: village.id, householdId, kind: 'redeem', points: -30 }).entry;
		const refund = post({ villageId: village.id, householdId, kind: 'refund', points: 30 }).entry;
		expectRefused('ledger_not_correctable', () =>
			correctEntry(committee, redeem.id, { reason: '不应兑换' })
		);
		expectRefused('ledger_not_correctable', () =>
			correctEntry(committee, refund.id, { reason: '不应退还' })
		);
	});

	it('needs a reason, and the committee of the entry’s own village', () => {
		const deed = post({ villageId: village.id, householdId, memberId, points: 5 }).entry;
		expectRefused('validation', () => correctEntry(committee, deed.id, { reason: ' ' }));
		const head = loadViewer(
			makeUser({ memberId: makeFamily({ villageId: village.id }).head.id, roles: [] })
		);
		expectRefused('forbidden', () => correctEntry(head, deed.id, { reason: '我想改' }));
		const own = loadViewer(makeUser({ memberId }));
		expectRefused('forbidden', () => correctEntry(own, deed.id, { reason: '我想改' }));
		const other = makeVillage();
		const theirCommittee = loadViewer(makeUser({ villageId: other.id, roles: ['committee'] }));
		expectRefused('not_found', () => correctEntry(theirCommittee, deed.id, { reason: '跨村' }));
		expectRefused('not_found', () => correctEntry(committee, 987_654, { reason: '不存在' }));
	});

	it('corrects through the API too, and a retried request with its key posts once', async () => {
		const deed = post({ villageId: village.id, householdId, points: 8 }).entry;
		const call = () =>
			callEndpoint(api.correctLedgerEntryEndpoint, {
				viewer: committee,
				params: { id: String(deed.id) },
				body: { reason: '多记了' },
				headers: { 'Idempotency-Key': `fix-${deed.id}` }
			});
		const first = await call();
		expect(first.status).toBe(201);
		expect(first.body).toMatchObject({ kind: 'correct', points: -8 });
		const again = await call();
		expect(again.status).toBe(201);
		expect(again.body.id).toBe(first.body.id);
		const noKey = await callEndpoint(api.correctLedgerEntryEndpoint, {
			viewer: committee,
			params: { id: String(deed.id) },
			body: { reason: '多记了' }
		});
		expect(noKey.status).toBe(409);
		expect(noKey.body.error.code).toBe('ledger_already_corrected');
	});
});
