import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { depositSlips, type DepositSlip, type SlipSource } from '$lib/server/db/schema';
import { parseInput } from '$lib/server/people/schemas';
import { memberTarget } from '$lib/server/people/targets';
import { authorize } from '$lib/server/permissions';
import { insertSlip } from './insert-slip';
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
 * `photoKey`: photo evidence already stored (withStoredPhoto); required when the rule says so.
 * A `requestKey` already used by this reporter returns that slip: nothing new is written.
 */
export function reportSlip(
	viewer: Viewer | null,
	raw: z.input<typeof ZReportSlip>,
	options: { onBehalfOfMemberId?: number | null; today?: string; photoKey?: string | null } = {}
): DepositSlip {
	const input = parseInput(ZReportSlip, raw);
	const target = memberTarget(input.memberId);
	authorize(viewer, 'slips:report', target);
	const reportedVia = via(viewer, target.householdId, target.tenGroupId);
	return write((tx) => {
		if (input.requestKey) {
			const earlier = tx
				.select()
				.from(depositSlips)
				.where(
					and(
						eq(depositSlips.reportedBy, viewer.userId),
						eq(depositSlips.requestKey, input.requestKey)
					)
				)
				.get();
			if (earlier) return earlier;
		}
		return insertSlip(tx, {
			...input,
			villageId: target.villageId,
			householdId: target.householdId,
			reportedBy: viewer.userId,
			reportedVia,
			onBehalfOfMemberId: options.onBehalfOfMemberId ?? null,
			photoKey: options.photoKey ?? null,
			// Under two-level review the 十户长's (or the committee's) own report needs no first check.
			countsAsCheck: reportedVia === 'committee' || reportedVia === 'group_leader',
			today: options.today ?? new Date().toISOString().slice(0, 10),
			audit: input,
			requestKey: input.requestKey ?? null
		}).slip;
	});
}
