import { and, desc, eq, exists, inArray } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import {
	depositSlips,
	members,
	rules,
	slipObjections,
	type SlipStatus
} from '$lib/server/db/schema';
import { householdTarget } from '$lib/server/people/targets';
import { authorize } from '$lib/server/permissions';

export type PendingSlip = {
	id: number;
	memberName: string;
	ruleName: string;
	quantity: number;
	points: number;
	occurredOn: string;
	status: SlipStatus;
	noticeEndsAt: string | null;
	/** Someone objected during 公示 and the committee hasn't decided yet: it waits. */
	objected: boolean;
};

/** A household's slips not yet credited or rejected — where each stands — for its statement. */
export function pendingSlips(viewer: Viewer | null, householdId: number): PendingSlip[] {
	authorize(viewer, 'ledger:view_household', householdTarget(householdId));
	return db
		.select({
			id: depositSlips.id,
			memberName: members.name,
			ruleName: rules.name,
			quantity: depositSlips.quantity,
			points: depositSlips.points,
			occurredOn: depositSlips.occurredOn,
			status: depositSlips.status,
			noticeEndsAt: depositSlips.noticeEndsAt,
			objected: exists(
				db
					.select({ id: slipObjections.id })
					.from(slipObjections)
					.where(
						and(eq(slipObjections.slipId, depositSlips.id), eq(slipObjections.status, 'standing'))
					)
			)
		})
		.from(depositSlips)
		.innerJoin(members, eq(members.id, depositSlips.memberId))
		.innerJoin(rules, eq(rules.id, depositSlips.ruleId))
		.where(
			and(
				eq(depositSlips.householdId, householdId),
				inArray(depositSlips.status, ['reported', 'checked', 'posted'])
			)
		)
		.orderBy(desc(depositSlips.id))
		.all()
		.map((r) => ({
			...r,
			noticeEndsAt: r.noticeEndsAt?.toISOString() ?? null,
			objected: Boolean(r.objected)
		}));
}
