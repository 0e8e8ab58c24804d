import { and, eq } from 'drizzle-orm';
import type { Tx } from '$lib/server/db';
import {
	depositSlips,
	members,
	rules,
	slipObjections,
	type DepositSlip
} from '$lib/server/db/schema';
import { postEntry } from '$lib/server/ledger/post-entry';
import { recordFeed } from '$lib/server/realtime/publish';
import { roomName } from '$lib/realtime/events';

/**
 * Inside the caller's transaction: posts a slip's points to the household ledger (source
 * ('slip', id), so it can never be posted twice), marks it credited and tells the household.
 * Does nothing unless the slip is still `posted` and no objection to it stands (checked here,
 * inside the transaction, so an objection raised a moment ago holds the credit back).
 */
export function creditSlip(tx: Tx, slip: DepositSlip, now: Date): boolean {
	const objected = tx
		.select({ id: slipObjections.id })
		.from(slipObjections)
		.where(and(eq(slipObjections.slipId, slip.id), eq(slipObjections.status, 'standing')))
		.get();
	if (objected) return false;
	const done = tx
		.update(depositSlips)
		.set({ status: 'credited', creditedAt: now })
		.where(and(eq(depositSlips.id, slip.id), eq(depositSlips.status, 'posted')))
		.returning({ id: depositSlips.id })
		.get();
	if (!done) return false;
	const { created } = postEntry(tx, {
		villageId: slip.villageId,
		householdId: slip.householdId,
		memberId: slip.memberId,
		kind: slip.points > 0 ? 'earn' : 'deduct',
		points: slip.points,
		source: { type: 'slip', id: slip.id },
		rule: { ruleId: slip.ruleId, ruleVersionId: slip.ruleVersionId },
		note: slip.note || null,
		actorUserId: null,
		onBehalfOfMemberId: slip.onBehalfOfMemberId,
		at: now
	});
	if (created) {
		const member = tx.select().from(members).where(eq(members.id, slip.memberId)).get();
		const rule = tx.select().from(rules).where(eq(rules.id, slip.ruleId)).get();
		recordFeed(tx, {
			villageId: slip.villageId,
			room: roomName('household', slip.householdId),
			type: 'points_credited',
			payload: {
				memberName: member?.name ?? '—',
				rule: rule?.name.slice(0, 60) ?? '—',
				points: slip.points
			}
		});
	}
	return created;
}
