import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import {
	depositSlips,
	households,
	members,
	rules,
	type SlipSource,
	type SlipStatus
} from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';

export type SlipView = {
	id: number;
	householdId: number;
	householdNumber: string;
	memberId: number;
	memberName: string;
	ruleId: number;
	ruleName: string;
	category: string;
	quantity: number;
	points: number;
	note: string;
	occurredOn: string;
	reportedVia: SlipSource;
	reportedBy: number;
	status: SlipStatus;
	postedAt: string | null;
	noticeEndsAt: string | null;
	rejectReason: string | null;
	/** Photo evidence: /photos/<key>. */
	photoKey: string | null;
};

/**
 * Slips the viewer may see, newest first: the committee sees its village's, a 十户长 the
 * households of their groups, a villager their own household's. `scope` narrows to one of those.
 */
export function listSlips(
	viewer: Viewer | null,
	filter: { status?: SlipStatus[]; scope?: 'village' | 'groups' | 'household' } = {}
): SlipView[] {
	if (!viewer) throw new DomainError('unauthenticated');
	if (viewer.villageId === null) throw new DomainError('forbidden');
	const scope =
		filter.scope ??
		(viewer.roles.includes('committee')
			? 'village'
			: viewer.ledGroupIds.length > 0
				? 'groups'
				: 'household');
	const where: SQL[] = [eq(depositSlips.villageId, viewer.villageId)];
	if (scope === 'village') {
		if (!viewer.roles.includes('committee')) throw new DomainError('forbidden');
	} else if (scope === 'groups') {
		if (viewer.ledGroupIds.length === 0) throw new DomainError('forbidden');
		where.push(inArray(households.tenGroupId, viewer.ledGroupIds));
	} else {
		if (viewer.householdId === null) throw new DomainError('forbidden');
		where.push(eq(depositSlips.householdId, viewer.householdId));
	}
	if (filter.status?.length) where.push(inArray(depositSlips.status, filter.status));
	return db
		.select({
			id: depositSlips.id,
			householdId: depositSlips.householdId,
			householdNumber: households.number,
			memberId: depositSlips.memberId,
			memberName: members.name,
			ruleId: depositSlips.ruleId,
			ruleName: rules.name,
			category: rules.category,
			quantity: depositSlips.quantity,
			points: depositSlips.points,
			note: depositSlips.note,
			occurredOn: depositSlips.occurredOn,
			reportedVia: depositSlips.reportedVia,
			reportedBy: depositSlips.reportedBy,
			status: depositSlips.status,
			postedAt: depositSlips.postedAt,
			noticeEndsAt: depositSlips.noticeEndsAt,
			rejectReason: depositSlips.rejectReason,
			photoKey: depositSlips.photoKey
		})
		.from(depositSlips)
		.innerJoin(households, eq(households.id, depositSlips.householdId))
		.innerJoin(members, eq(members.id, depositSlips.memberId))
		.innerJoin(rules, eq(rules.id, depositSlips.ruleId))
		.where(and(...where))
		.orderBy(desc(depositSlips.id))
		.limit(500)
		.all()
		.map((r) => ({
			...r,
			postedAt: r.postedAt?.toISOString() ?? null,
			noticeEndsAt: r.noticeEndsAt?.toISOString() ?? null
		}));
}
