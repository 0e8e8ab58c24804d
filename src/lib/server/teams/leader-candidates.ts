import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { households, members, users } from '$lib/server/db/schema';
import { ownVillageTarget } from '$lib/server/people/scope';
import { authorize } from '$lib/server/permissions';

/** Members of the village with an active login: who the committee may appoint as a leader. */
export function leaderCandidates(
	viewer: Viewer | null
): { memberId: number; name: string; householdNumber: string }[] {
	const target = ownVillageTarget(viewer);
	authorize(viewer, 'teams:manage', target);
	return db
		.select({ memberId: members.id, name: members.name, householdNumber: households.number })
		.from(users)
		.innerJoin(members, eq(users.memberId, members.id))
		.innerJoin(households, eq(members.householdId, households.id))
		.where(
			and(
				isNotNull(users.memberId),
				eq(users.active, true),
				eq(members.active, true),
				eq(members.villageId, target.villageId)
			)
		)
		.orderBy(asc(members.name))
		.all();
}
