import { and, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { db, write } from '$lib/server/db';
import {
	depositSlips,
	members,
	rules,
	slipObjections,
	type SlipObjection
} from '$lib/server/db/schema';
import { DomainError, notFound } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { authorize } from '$lib/server/permissions';
import { recordFeed } from '$lib/server/realtime/publish';
import { roomName } from '$lib/realtime/events';
import { creditSlip } from './credit-slip';
import { ZResolveObjection } from './objection-schemas';
import { loadSlip } from './slip-target';

/**
 * The committee decides an objection, with the reason it is recorded with.
 *
 * Upheld: the slip is withdrawn (never credited) and every other objection still standing on it
 * is closed as upheld by the same decision — they asked for what has now happened.
 * Dismissed: the slip goes on. If no other objection to it stands and its 公示 period is already
 * over, it is credited at once in the same transaction rather than at the next timer run.
 * A committee member whose own household the slip is about can't decide (as with approving).
 */
export function resolveObjection(
	viewer: Viewer | null,
	objectionId: number,
	raw: z.input<typeof ZResolveObjection>,
	now: Date = new Date()
): SlipObjection {
	const { decision, reason } = parseInput(ZResolveObjection, raw);
	const found = db
		.select({ slipId: slipObjections.slipId })
		.from(slipObjections)
		.where(eq(slipObjections.id, objectionId))
		.get();
	if (!found) throw notFound();
	const { target } = loadSlip(found.slipId);
	authorize(viewer, 'slips:resolve_objection', target);
	return write((tx) => {
		const objection = tx
			.select()
			.from(slipObjections)
			.where(eq(slipObjections.id, objectionId))
			.get();
		if (!objection || objection.status !== 'standing') {
			throw new DomainError('objection_not_standing');
		}
		const { slip } = loadSlip(objection.slipId, tx);
		if (viewer.householdId !== null && viewer.householdId === slip.householdId) {
			throw new DomainError('slip_own_household');
		}
		const upheld = decision === 'uphold';
		const resolved = {
			status: upheld ? ('upheld' as const) : ('dismissed' as const),
			resolvedBy: viewer.userId,
			resolvedAt: now,
			resolution: reason
		};
		const row = tx
			.update(slipObjections)
			.set(resolved)
			.where(and(eq(slipObjections.id, objectionId), eq(slipObjections.status, 'standing')))
			.returning()
			.get();
		if (!row) throw new DomainError('objection_not_standing');
		let alsoClosed: number[] = [];
		let credited = false;
		if (upheld) {
			// A standing objection keeps the slip posted (never credited), so it is still posted here.
			const withdrawn = tx
				.update(depositSlips)
				.set({ status: 'withdrawn', withdrawnAt: now })
				.where(and(eq(depositSlips.id, slip.id), eq(depositSlips.status, 'posted')))
				.returning({ id: depositSlips.id })
				.get();
			if (!withdrawn) throw new DomainError('objection_not_standing');
			alsoClosed = tx
				.update(slipObjections)
				.set(resolved)
				.where(
					and(
						eq(slipObjections.slipId, slip.id),
						eq(slipObjections.status, 'standing'),
						ne(slipObjections.id, objectionId)
					)
				)
				.returning({ id: slipObjections.id })
				.all()
				.map((r) => r.id);
		}
		const member = tx.select().from(members).where(eq(members.id, slip.memberId)).get();
		const rule = tx.select().from(rules).where(eq(rules.id, slip.ruleId)).get();
		recordFeed(tx, {
			villageId: slip.villageId,
			room: roomName('household', slip.householdId),
			type: 'objection_resolved',
			payload: {
				memberName: member?.name.slice(0, 60) ?? '—',
				rule: rule?.name.slice(0, 60) ?? '—',
				upheld
			}
		});
		// After the decision's own notice, so the household hears "dismissed" before "credited".
		// creditSlip itself declines while another objection to the slip stands.
		if (!upheld && slip.noticeEndsAt && slip.noticeEndsAt.getTime() <= now.getTime()) {
			credited = creditSlip(tx, slip, now);
		}
		recordAudit(tx, {
			villageId: slip.villageId,
			actorUserId: viewer.userId,
			action: upheld ? 'objection.uphold' : 'objection.dismiss',
			subjectType: 'objection',
			subjectId: objectionId,
			detail: { slipId: slip.id, reason, alsoClosed, credited }
		});
		return row;
	});
}
