import { and, eq, inArray } from 'drizzle-orm';
import type { Role } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { households, members, tenGroups } from '$lib/server/db/schema';

/**
 * The roles that follow from the data for many members at once — the same rules as
 * `loadViewer`: an active member is a villager, their household's head is 户主, and the leader
 * of an active ten-household group is 十户长. Keyed by member id.
 */
export function derivedRolesOf(memberIds: number[]): Map<number, Role[]> {
	const out = new Map<number, Role[]>();
	const ids = [...new Set(memberIds)];
	if (ids.length === 0) return out;
	const rows = db
		.select({ id: members.id, householdId: members.householdId })
		.from(members)
		.where(and(inArray(members.id, ids), eq(members.active, true)))
		.all();
	const activeIds = rows.map((r) => r.id);
	if (activeIds.length === 0) return out;
	const householdOf = new Map(rows.map((r) => [r.id, r.householdId]));
	// 户主 of their own household (a stale head pointer to a moved member doesn't count).
	const headOfOwn = new Set(
		db
			.select({ id: households.id, head: households.headMemberId })
			.from(households)
			.where(inArray(households.headMemberId, activeIds))
			.all()
			.filter((h) => h.head !== null && householdOf.get(h.head) === h.id)
			.map((h) => h.head)
	);
	const leaders = new Set(
		db
			.select({ leader: tenGroups.leaderMemberId })
			.from(tenGroups)
			.where(and(inArray(tenGroups.leaderMemberId, activeIds), eq(tenGroups.active, true)))
			.all()
			.map((g) => g.leader)
	);
	for (const id of activeIds) {
		const roles: Role[] = ['villager'];
		if (headOfOwn.has(id)) roles.push('household_head');
		if (leaders.has(id)) roles.push('group_leader');
		out.set(id, roles);
	}
	return out;
}
