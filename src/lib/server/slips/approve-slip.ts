import { and, eq, inArray, like, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write, type Tx } from '$lib/server/db';
import {
	depositSlips,
	members,
	rules,
	villages,
	type DepositSlip,
	type Rule
} from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { authorize } from '$lib/server/permissions';
import { recordFeed } from '$lib/server/realtime/publish';
import { maskName } from '$lib/realtime/mask';
import { roomName } from '$lib/realtime/events';
import * as m from '$lib/paraglide/messages';
import { creditSlip } from './credit-slip';
import { ZApproveSlips } from './schemas';
import { loadSlip } from './slip-target';

const DAY = 86_400_000;

/** Units of the same rule (by key, across rule-book versions) already approved in the period. */
function used(tx: Tx, slip: DepositSlip, rule: Rule, period: string): number {
	const row = tx
		.select({ n: sql<number>`coalesce(sum(${depositSlips.quantity}), 0)` })
		.from(depositSlips)
		.innerJoin(rules, eq(rules.id, depositSlips.ruleId))
		.where(
			and(
				eq(depositSlips.householdId, slip.householdId),
				eq(rules.key, rule.key),
				inArray(depositSlips.status, ['posted', 'credited']),
				like(depositSlips.occurredOn, `${period}%`),
				ne(depositSlips.id, slip.id)
			)
		)
		.get();
	return Number(row?.n ?? 0);
}

function assertWithinCaps(tx: Tx, slip: DepositSlip): Rule {
	const rule = tx.select().from(rules).where(eq(rules.id, slip.ruleId)).get();
	if (!rule) throw new DomainError('rule_not_current');
	const month = slip.occurredOn.slice(0, 7);
	const year = slip.occurredOn.slice(0, 4);
	if (rule.monthlyCap !== null) {
		const n = used(tx, slip, rule, month);
		if (n + slip.quantity > rule.monthlyCap) {
			throw new DomainError('slip_cap_reached', {
				message: m.error_slip_cap_monthly({ rule: rule.name, cap: rule.monthlyCap, used: n }),
				details: { cap: 'monthly', limit: rule.monthlyCap, used: n }
			});
		}
	}
	if (rule.yearlyCap !== null) {
		const n = used(tx, slip, rule, year);
		if (n + slip.quantity > rule.yearlyCap) {
			throw new DomainError('slip_cap_reached', {
				message: m.error_slip_cap_yearly({ rule: rule.name, cap: rule.yearlyCap, used: n }),
				details: { cap: 'yearly', limit: rule.yearlyCap, used: n }
			});
		}
	}
	return rule;
}

/** Inside one transaction: every check, then post the slip on the notice board. */
function approveIn(tx: Tx, viewer: Viewer, id: number, now: Date): DepositSlip {
	const { slip } = loadSlip(id, tx);
	const village = tx.select().from(villages).where(eq(villages.id, slip.villageId)).get();
	if (!village) throw new DomainError('not_found');
	const open = village.twoLevelReview ? ['checked'] : ['reported', 'checked'];
	if (slip.status === 'reported' && village.twoLevelReview) {
		throw new DomainError('slip_needs_check');
	}
	if (!open.includes(slip.status)) throw new DomainError('slip_not_pending');
	// Separation of duties: not your own record, not your own household.
	if (slip.reportedBy === viewer.userId) throw new DomainError('slip_own_report');
	if (viewer.householdId !== null && viewer.householdId === slip.householdId) {
		throw new DomainError('slip_own_household');
	}
	const rule = assertWithinCaps(tx, slip);
	const noticeEndsAt = new Date(now.getTime() + village.noticeDays * DAY);
	const row = tx
		.update(depositSlips)
		.set({ status: 'posted', approvedBy: viewer.userId, postedAt: now, noticeEndsAt })
		.where(and(eq(depositSlips.id, id), eq(depositSlips.status, slip.status)))
		.returning()
		.get();
	if (!row) throw new DomainError('slip_not_pending');
	const member = tx.select().from(members).where(eq(members.id, slip.memberId)).get();
	recordFeed(tx, {
		villageId: slip.villageId,
		room: roomName('village', slip.villageId),
		type: 'slip_posted',
		payload: {
			memberName: maskName(member?.name ?? '某'),
			rule: rule.name.slice(0, 60),
			points: slip.points,
			noticeEndsAt: noticeEndsAt.toISOString()
		}
	});
	recordAudit(tx, {
		villageId: slip.villageId,
		actorUserId: viewer.userId,
		action: 'slip.approve',
		subjectType: 'slip',
		subjectId: id,
		detail: { postedAt: now.toISOString(), noticeEndsAt: noticeEndsAt.toISOString() }
	});
	// A village with no notice period credits at once.
	if (noticeEndsAt.getTime() <= now.getTime()) {
		creditSlip(tx, row, now);
		return { ...row, status: 'credited', creditedAt: now };
	}
	return row;
}

/**
 * The committee approves a slip: it goes up on the 公示 board for the village's noticeDays and is
 * credited when that ends (creditDueSlips). Whoever recorded the slip can't approve it, nor can a
 * committee member approve a slip about their own household; caps are checked here.
 */
export function approveSlip(
	viewer: Viewer | null,
	id: number,
	now: Date = new Date()
): DepositSlip {
	const { target } = loadSlip(id);
	authorize(viewer, 'slips:review', target);
	return write((tx) => approveIn(tx, viewer, id, now));
}

export type BatchResult = {
	approved: number[];
	failed: { id: number; code: string; message: string }[];
};

/** Approves several slips, each in its own transaction: one refusal doesn't stop the rest. */
export function approveSlips(
	viewer: Viewer | null,
	raw: z.input<typeof ZApproveSlips>,
	now: Date = new Date()
): BatchResult {
	const { ids } = parseInput(ZApproveSlips, raw);
	const result: BatchResult = { approved: [], failed: [] };
	for (const id of new Set(ids)) {
		try {
			approveSlip(viewer, id, now);
			result.approved.push(id);
		} catch (error) {
			if (!(error instanceof DomainError)) throw error;
			// Another village's slip stays invisible: the whole batch fails as not found.
			if (error.code === 'not_found' || error.code === 'unauthenticated') throw error;
			result.failed.push({ id, code: error.code, message: error.userMessage() });
		}
	}
	return result;
}
