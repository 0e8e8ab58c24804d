import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write } from '$lib/server/db';
import { members, rules, slipObjections, type SlipObjection } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { authorize } from '$lib/server/permissions';
import { recordFeed } from '$lib/server/realtime/publish';
import { roomName } from '$lib/realtime/events';
import { ZRaiseObjection } from './objection-schemas';
import { loadSlip } from './slip-target';

/**
 * A villager objects (提异议) to a slip on their village's notice board, with a reason, while its
 * 公示 period runs. While the objection stands the slip is not credited; the committee decides.
 *
 * One objection per person per slip. Submitting the very same reason again (a double tap, a
 * retry after a dropped connection) returns the objection already raised and changes nothing;
 * a second objection with a different reason is refused as `objection_exists` — the committee
 * weighs the first one, and a villager with more to say tells the committee in person.
 */
export function raiseObjection(
	viewer: Viewer | null,
	slipId: number,
	raw: z.input<typeof ZRaiseObjection>,
	options: { onBehalfOfMemberId?: number | null; now?: Date } = {}
): SlipObjection {
	const { reason } = parseInput(ZRaiseObjection, raw);
	const { target } = loadSlip(slipId);
	authorize(viewer, 'slips:object', target);
	const now = options.now ?? new Date();
	return write((tx) => {
		const existing = tx
			.select()
			.from(slipObjections)
			.where(and(eq(slipObjections.slipId, slipId), eq(slipObjections.raisedBy, viewer.userId)))
			.get();
		if (existing) {
			if (existing.reason === reason) return existing;
			throw new DomainError('objection_exists');
		}
		// Re-read inside the transaction: the slip may have been credited or withdrawn meanwhile.
		const { slip } = loadSlip(slipId, tx);
		if (
			slip.status !== 'posted' ||
			!slip.noticeEndsAt ||
			now.getTime() >= slip.noticeEndsAt.getTime()
		) {
			throw new DomainError('objection_closed');
		}
		const objection = tx
			.insert(slipObjections)
			.values({
				villageId: slip.villageId,
				slipId,
				raisedBy: viewer.userId,
				onBehalfOfMemberId: options.onBehalfOfMemberId ?? null,
				reason,
				createdAt: now
			})
			.returning()
			.get();
		const member = tx.select().from(members).where(eq(members.id, slip.memberId)).get();
		const rule = tx.select().from(rules).where(eq(rules.id, slip.ruleId)).get();
		// The household's own room is private: the member's real name is fine; the objector's isn't sent.
		recordFeed(tx, {
			villageId: slip.villageId,
			room: roomName('household', slip.householdId),
			type: 'objection_raised',
			payload: {
				memberName: member?.name.slice(0, 60) ?? '—',
				rule: rule?.name.slice(0, 60) ?? '—',
				points: slip.points
			}
		});
		recordAudit(tx, {
			villageId: slip.villageId,
			actorUserId: viewer.userId,
			onBehalfOfMemberId: options.onBehalfOfMemberId ?? null,
			action: 'slip.object',
			subjectType: 'slip',
			subjectId: slipId,
			detail: { objectionId: objection.id, reason }
		});
		return objection;
	});
}
