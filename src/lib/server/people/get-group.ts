import { and, asc, eq, isNull, lte, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { households, members, tenGroups } from '$lib/server/db/schema';
import { notFound } from '$lib/server/errors';
import { authorize, can } from '$lib/server/permissions';
import { groupTarget } from './targets';
import { groupSummaries, type GroupDetail } from './views';

/**
 * One group with its households, for the committee and the group's own 十户长. The committee
 * also gets the members it may choose as leader: the adults of the group's active households.
 */
export function getGroup(viewer: Viewer | null, groupId: number): GroupDetail {
	const target = groupTarget(groupId);
	authorize(viewer, 'group:view', target);
	const summary = groupSummaries(eq(tenGroups.id, groupId))[0];
	if (!summary) throw notFound();
	const mayManage = can(viewer, 'people:manage', target);
	// Offered as leaders: adults (or of unknown age). updateGroup itself accepts any active member.
	const adultBornBy = new Date().getFullYear() - 18;
	const head = alias(members, 'head');
	const groupHouseholds = db
		.select({
			id: households.id,
			number: households.number,
			address: households.address,
			headName: head.name,
			active: households.active
		})
		.from(households)
		.leftJoin(head, eq(head.id, households.headMemberId))
		.where(
			and(eq(households.tenGroupId, groupId), mayManage ? undefined : eq(households.active, true))
		)
		.orderBy(asc(households.number))
		.all();
	const leaderCandidates = mayManage
		? db
				.select({ id: members.id, name: members.name, householdNumber: households.number })
				.from(members)
				.innerJoin(households, eq(members.householdId, households.id))
				.where(
					and(
						eq(households.tenGroupId, groupId),
						eq(households.active, true),
						eq(members.active, true),
						or(isNull(members.birthYear), lte(members.birthYear, adultBornBy))
					)
				)
				.orderBy(asc(households.number), asc(members.id))
				.all()
		: [];
	return { ...summary, households: groupHouseholds, leaderCandidates, viewerMayManage: mayManage };
}
