import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import {
	auditLog,
	depositSlips,
	feedEvents,
	households,
	ledgerEntries
} from '$lib/server/db/schema';
import { DomainError, type ErrorCode } from '$lib/server/errors';
import { approveSlip, approveSlips } from '$lib/server/slips/approve-slip';
import { checkSlip } from '$lib/server/slips/check-slip';
import { creditDueSlips } from '$lib/server/slips/credit-due-slips';
import { listNotice } from '$lib/server/slips/list-notice';
import { listSlips } from '$lib/server/slips/list-slips';
import { rejectSlip } from '$lib/server/slips/reject-slip';
import { reportSlip } from '$lib/server/slips/report-slip';
import { expectLedgerInvariants } from './ledger-helpers';
import { makeSlipWorld } from './slips-helpers';

afterEach(() => expectLedgerInvariants());

const DAY = 86_400_000;
const T0 = new Date('2026-05-10T08:00:00Z');

function refused(code: ErrorCode, fn: () => unknown): DomainError {
	let caught: unknown;
	try {
		fn();
	} catch (e) {
		caught = e;
	}
	expect(caught).toBeInstanceOf(DomainError);
	expect((caught as DomainError).code).toBe(code);
	return caught as DomainError;
}

const balance = (householdId: number) =>
	db.select().from(households).where(eq(households.id, householdId)).get()!.balance;
const entriesOf = (slipId: number) =>
	db
		.select()
		.from(ledgerEntries)
		.where(eq(ledgerEntries.sourceId, slipId))
		.all()
		.filter((e) => e.sourceType === 'slip');

describe('a deposit slip from report to credit', () => {
	it('reported by the villager, checked by the 十户长, approved, posted, credited after 公示', () => {
		const w = makeSlipWorld();
		const slip = reportSlip(w.home.viewer, {
			memberId: w.home.head.id,
			ruleId: w.rules.help.id,
			quantity: 2,
			occurredOn: '2026-05-08',
			note: '帮邻居收麦子'
		});
		expect(slip).toMatchObject({ status: 'reported', points: 10, reportedVia: 'self' });
		// Two-level review: the committee waits for the 十户长.
		refused('slip_needs_check', () => approveSlip(w.committee, slip.id, T0));
		// Only the household's own 十户长 checks.
		refused('forbidden', () => checkSlip(w.neighbour.viewer, slip.id));
		expect(checkSlip(w.leader, slip.id).status).toBe('checked');
		refused('slip_not_pending', () => checkSlip(w.leader, slip.id));
		expect(listSlips(w.leader, { status: ['checked'] }).map((s) => s.id)).toContain(slip.id);

		const posted = approveSlip(w.committee, slip.id, T0);
		expect(posted.status).toBe('posted');
		expect(posted.postedAt?.getTime()).toBe(T0.getTime());
		expect(posted.noticeEndsAt?.getTime()).toBe(T0.getTime() + 7 * DAY);

		// On the public board, masked; the feed tells the village (masked too).
		const board = listNotice(w.village.code, T0);
		expect(board.items).toEqual([
			expect.objectContaining({
				id: slip.id,
				memberName: '张*安',
				ruleName: '帮扶邻里',
				points: 10
			})
		]);
		expect(JSON.stringify(board)).not.toContain('张小安');
		const feed = db.select().from(feedEvents).where(eq(feedEvents.villageId, w.village.id)).all();
		expect(feed.find((f) => f.type === 'slip_posted')?.payload).toMatchObject({
			memberName: '张*安',
			points: 10
		});

		// Not before the notice ends.
		expect(creditDueSlips(new Date(T0.getTime() + 7 * DAY - 1))).toBe(0);
		expect(balance(w.home.household.id)).toBe(0);
		expect(creditDueSlips(new Date(T0.getTime() + 7 * DAY))).toBe(1);
		expect(balance(w.home.household.id)).toBe(10);
		const [entry, ...more] = entriesOf(slip.id);
		expect(more).toEqual([]);
		expect(entry).toMatchObject({
			kind: 'earn',
			points: 10,
			memberId: w.home.head.id,
			ruleId: w.rules.help.id,
			actorUserId: null
		});
		expect(db.select().from(depositSlips).where(eq(depositSlips.id, slip.id)).get()?.status).toBe(
			'credited'
		);
		expect(listNotice(w.village.code, new Date(T0.getTime() + 8 * DAY)).items).toEqual([]);
		const credited = db
			.select()
			.from(feedEvents)
			.all()
			.find((f) => f.type === 'points_credited');
		expect(credited?.room).toBe(`household:${w.home.household.id}`);
		expect(
			db
				.select()
				.from(auditLog)
				.all()
				.filter((a) => a.subjectType === 'slip')
				.map((a) => a.action)
		).toEqual(['slip.report', 'slip.check', 'slip.approve']);
		expectLedgerInvariants();
	});

	it('a 十户长’s own report skips the first check; a deduction posts a deduct entry', () => {
		const w = makeSlipWorld();
		const slip = reportSlip(w.leader, {
			memberId: w.neighbour.head.id,
			ruleId: w.rules.litter.id,
			occurredOn: '2026-05-01'
		});
		expect(slip).toMatchObject({ status: 'checked', reportedVia: 'group_leader', points: -5 });
		approveSlip(w.committee, slip.id, T0);
		creditDueSlips(new Date(T0.getTime() + 30 * DAY));
		expect(entriesOf(slip.id)).toMatchObject([{ kind: 'deduct', points: -5 }]);
		expect(balance(w.neighbour.household.id)).toBe(-5);
		expectLedgerInvariants();
	});

	it('without two-level review the committee approves a reported slip directly', () => {
		const w = makeSlipWorld({ twoLevelReview: false, noticeDays: 3 });
		const slip = reportSlip(w.home.viewer, {
			memberId: w.home.head.id,
			ruleId: w.rules.help.id,
			occurredOn: '2026-05-01'
		});
		refused('slip_not_pending', () => checkSlip(w.leader, slip.id));
		expect(approveSlip(w.committee, slip.id, T0).noticeEndsAt?.getTime()).toBe(
			T0.getTime() + 3 * DAY
		);
		expectLedgerInvariants();
	});

	it('rejected with a reason: never posted, never credited', () => {
		const w = makeSlipWorld();
		const slip = reportSlip(w.leader, {
			memberId: w.home.head.id,
			ruleId: w.rules.help.id,
			occurredOn: '2026-05-01'
		});
		refused('validation', () => rejectSlip(w.committee, slip.id, { reason: '  ' }));
		refused('forbidden', () => rejectSlip(w.leader, slip.id, { reason: '不属实' }));
		expect(rejectSlip(w.committee, slip.id, { reason: '不属实' })).toMatchObject({
			status: 'rejected',
			rejectReason: '不属实'
		});
		refused('slip_not_pending', () => approveSlip(w.committee, slip.id, T0));
		creditDueSlips(new Date(T0.getTime() + 30 * DAY));
		expect(entriesOf(slip.id)).toEqual([]);
		expect(balance(w.home.household.id)).toBe(0);
		expectLedgerInvariants();
	});

	it('who may report: own household, the group’s 十户长, the committee — and nothing else', () => {
		const w = makeSlipWorld();
		const deed = (memberId: number) => ({
			memberId,
			ruleId: w.rules.help.id,
			occurredOn: '2026-05-01'
		});
		refused('forbidden', () => reportSlip(w.home.viewer, deed(w.neighbour.head.id)));
		expect(reportSlip(w.committee, deed(w.home.head.id)).reportedVia).toBe('committee');
		refused('validation', () =>
			reportSlip(w.home.viewer, { ...deed(w.home.head.id), occurredOn: '2099-01-01' })
		);
		refused('validation', () =>
			reportSlip(w.home.viewer, { ...deed(w.home.head.id), quantity: 0 })
		);
		// A rule outside the current rule book is refused.
		refused('rule_not_current', () =>
			reportSlip(w.home.viewer, { ...deed(w.home.head.id), ruleId: 999_999 })
		);
		expectLedgerInvariants();
	});

	it('the same form sent twice (one request key) reports one slip; another key reports another', () => {
		const w = makeSlipWorld();
		const deed = {
			memberId: w.home.head.id,
			ruleId: w.rules.help.id,
			occurredOn: '2026-05-01',
			requestKey: 'form-key-1'
		};
		const first = reportSlip(w.home.viewer, deed);
		const again = reportSlip(w.home.viewer, deed);
		expect(again.id).toBe(first.id);
		const slipsOfHome = () =>
			db.select().from(depositSlips).where(eq(depositSlips.householdId, w.home.household.id)).all();
		expect(slipsOfHome()).toHaveLength(1);
		// The key is the reporter's own: the committee using the same string reports its own slip.
		expect(reportSlip(w.committee, deed).id).not.toBe(first.id);
		expect(reportSlip(w.home.viewer, { ...deed, requestKey: 'form-key-2' }).id).not.toBe(first.id);
		expect(slipsOfHome()).toHaveLength(3);
	});

	it('batch approval approves what it may and names what it may not', () => {
		const w = makeSlipWorld();
		const mk = (memberId: number) =>
			reportSlip(w.leader, { memberId, ruleId: w.rules.help.id, occurredOn: '2026-05-01' });
		const a = mk(w.home.head.id);
		const b = mk(w.neighbour.head.id);
		const own = reportSlip(w.committee2, {
			memberId: w.home.head.id,
			ruleId: w.rules.help.id,
			occurredOn: '2026-05-02'
		});
		const result = approveSlips(w.committee2, { ids: [a.id, b.id, own.id] }, T0);
		expect(result.approved).toEqual([a.id, b.id]);
		expect(result.failed).toEqual([
			expect.objectContaining({ id: own.id, code: 'slip_own_report' })
		]);
		expect(listNotice(w.village.code, T0).items.map((i) => i.id)).toEqual([a.id, b.id]);
		expectLedgerInvariants();
	});
});
