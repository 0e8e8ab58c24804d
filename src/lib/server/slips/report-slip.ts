import type { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write } from '$lib/server/db';
import { depositSlips, villages, type DepositSlip, type SlipSource } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { memberTarget } from '$lib/server/people/targets';
import { authorize } from '$lib/server/permissions';
import { currentRule } from '$lib/server/rules/current-rule';
import { eq } from 'drizzle-orm';
import * as m from '$lib/paraglide/messages';
import { ZReportSlip } from './schemas';

/** How the viewer comes to report for this household, most official first. */
function via(viewer: Viewer, householdId: number, tenGroupId: number | null): SlipSource {
	if (viewer.roles.includes('committee')) return 'committee';
	if (tenGroupId !== null && viewer.ledGroupIds.includes(tenGroupId)) return 'group_leader';
	if (viewer.householdId === householdId) return 'self';
	return 'team_leader';
}

/**
 * Reports a deed of a member under a rule of the village's current rule book. Points are the
 * rule's points × quantity, fixed now. Under two-level review a slip reported by the household's
 * own 十户长 or by the committee needs no separate first check, so it starts as `checked`.
 */
export function reportSlip(
	viewer: Viewer | null,
	raw: z.input<typeof ZReportSlip>,
	options: { onBehalfOfMemberId?: number | null; today?: string } = {}
): DepositSlip {
	const input = parseInput(ZReportSlip, raw);
	const target = memberTarget(input.memberId);
	authorize(viewer, 'slips:report', target);
	const today = options.today ?? new Date().toISOString().slice(0, 10);
	if (input.occurredOn > today) {
		const message = m.slips_future_date();
		throw new DomainError('validation', {
			message,
			details: { fieldErrors: { occurredOn: message } }
		});
	}
	const reportedVia = via(viewer, target.householdId, target.tenGroupId);
	return write((tx) => {
		const { rule, citation } = currentRule(tx, target.villageId, input.ruleId);
		const village = tx.select().from(villages).where(eq(villages.id, target.villageId)).get();
		// Under two-level review the 十户长's (or the committee's) own report needs no first check.
		const preChecked =
			!!village?.twoLevelReview && (reportedVia === 'committee' || reportedVia === 'group_leader');
		const slip = tx
			.insert(depositSlips)
			.values({
				villageId: target.villageId,
				householdId: target.householdId,
				memberId: input.memberId,
				ruleId: citation.ruleId,
				ruleVersionId: citation.ruleVersionId,
				quantity: input.quantity,
				points: rule.points * input.quantity,
				note: input.note,
				occurredOn: input.occurredOn,
				reportedBy: viewer.userId,
				reportedVia,
				onBehalfOfMemberId: options.onBehalfOfMemberId ?? null,
				status: preChecked ? 'checked' : 'reported',
				checkedBy: preChecked ? viewer.userId : null,
				checkedAt: preChecked ? new Date() : null
			})
			.returning()
			.get();
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			onBehalfOfMemberId: options.onBehalfOfMemberId ?? null,
			action: 'slip.report',
			subjectType: 'slip',
			subjectId: slip.id,
			detail: { ...input, points: slip.points, reportedVia }
		});
		return slip;
	});
}
