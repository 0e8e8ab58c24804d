import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { depositSlips } from '$lib/server/db/schema';
import { DomainError, type ErrorCode } from '$lib/server/errors';
import { approveSlip } from '$lib/server/slips/approve-slip';
import { checkSlip } from '$lib/server/slips/check-slip';
import { listSlips } from '$lib/server/slips/list-slips';
import { rejectSlip } from '$lib/server/slips/reject-slip';
import { reportSlip } from '$lib/server/slips/report-slip';
import { expectLedgerInvariants } from './ledger-helpers';
import { makeSlipWorld } from './slips-helpers';

afterEach(() => expectLedgerInvariants());

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
const statusOf = (id: number) =>
	db.select().from(depositSlips).where(eq(depositSlips.id, id)).get()?.status;

describe('separation of duties', () => {
	it('whoever recorded a slip cannot approve it; another committee member can', () => {
		const w = makeSlipWorld();
		const slip = reportSlip(w.committee, {
			memberId: w.home.head.id,
			ruleId: w.rules.help.id,
			occurredOn: '2026-05-01'
		});
		refused('slip_own_report', () => approveSlip(w.committee, slip.id, T0));
		expect(statusOf(slip.id)).toBe('checked');
		expect(approveSlip(w.committee2, slip.id, T0).status).toBe('posted');
		expectLedgerInvariants();
	});

	it('a slip about a committee member’s own household needs another committee member', () => {
		const w = makeSlipWorld();
		const committeeMemberId = w.committee.memberId!;
		const slip = reportSlip(w.committee2, {
			memberId: committeeMemberId,
			ruleId: w.rules.help.id,
			occurredOn: '2026-05-01'
		});
		refused('slip_own_household', () => approveSlip(w.committee, slip.id, T0));
		expect(statusOf(slip.id)).toBe('checked');
		// Reported by the committee member themself: they still can't approve it, the other can.
		const other = reportSlip(w.committee, {
			memberId: committeeMemberId,
			ruleId: w.rules.help.id,
			occurredOn: '2026-05-02'
		});
		refused('slip_own_report', () => approveSlip(w.committee, other.id, T0));
		expect(approveSlip(w.committee2, other.id, T0).status).toBe('posted');
		expectLedgerInvariants();
	});

	it('villagers, 十户长 and other villages’ committees cannot approve', () => {
		const w = makeSlipWorld();
		const other = makeSlipWorld();
		const slip = reportSlip(w.leader, {
			memberId: w.home.head.id,
			ruleId: w.rules.help.id,
			occurredOn: '2026-05-01'
		});
		refused('forbidden', () => approveSlip(w.home.viewer, slip.id, T0));
		refused('forbidden', () => approveSlip(w.leader, slip.id, T0));
		// 马家村's committee is told 柳条村's slip does not exist.
		refused('not_found', () => approveSlip(other.committee, slip.id, T0));
		refused('not_found', () => rejectSlip(other.committee, slip.id, { reason: '不属实' }));
		refused('not_found', () => checkSlip(other.leader, slip.id));
		refused('not_found', () =>
			reportSlip(other.committee, {
				memberId: w.home.head.id,
				ruleId: w.rules.help.id,
				occurredOn: '2026-05-01'
			})
		);
		expect(listSlips(other.committee).map((s) => s.id)).not.toContain(slip.id);
		expect(statusOf(slip.id)).toBe('checked');
		expectLedgerInvariants();
	});
});

describe('caps', () => {
	it('are enforced at approval, with a message naming the cap', () => {
		const w = makeSlipWorld();
		const clean = (occurredOn: string, quantity = 1) =>
			reportSlip(w.leader, {
				memberId: w.home.head.id,
				ruleId: w.rules.clean.id,
				occurredOn,
				quantity
			});
		const may = clean('2026-05-03');
		const june = clean('2026-06-03');
		const again = clean('2026-05-20');
		const july = clean('2026-07-03');
		expect(approveSlip(w.committee, may.id, T0).status).toBe('posted');
		// 每月最多 1 次: a second May slip is refused, naming the rule and the cap.
		const monthly = refused('slip_cap_reached', () => approveSlip(w.committee, again.id, T0));
		expect(monthly.userMessage()).toContain('庭院整洁');
		expect(monthly.userMessage()).toContain('1');
		expect(monthly.details).toMatchObject({ cap: 'monthly', limit: 1, used: 1 });
		expect(statusOf(again.id)).toBe('checked');
		expect(approveSlip(w.committee, june.id, T0).status).toBe('posted');
		// 每年最多 2 次: July is the third this year.
		const yearly = refused('slip_cap_reached', () => approveSlip(w.committee, july.id, T0));
		expect(yearly.details).toMatchObject({ cap: 'yearly', limit: 2, used: 2 });
		// Another household has its own count.
		const neighbours = reportSlip(w.leader, {
			memberId: w.neighbour.head.id,
			ruleId: w.rules.clean.id,
			occurredOn: '2026-05-03'
		});
		expect(approveSlip(w.committee, neighbours.id, T0).status).toBe('posted');
		// A quantity over the cap is refused on its own.
		const big = reportSlip(w.leader, {
			memberId: w.neighbour.head.id,
			ruleId: w.rules.clean.id,
			occurredOn: '2026-08-03',
			quantity: 2
		});
		refused('slip_cap_reached', () => approveSlip(w.committee, big.id, T0));
		expectLedgerInvariants();
	});
});
