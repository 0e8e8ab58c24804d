import { and, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import {
	households,
	members,
	roleGrants,
	tenGroups,
	type GrantedRole
} from '$lib/server/db/schema';
import type { SessionUser } from './session';

export type Role = GrantedRole | 'villager' | 'household_head' | 'group_leader' | 'town_admin';

/**
 * Everything the permission module needs to know about the person making a request: their
 * account, the roles they hold in their village (granted ones plus those that follow from the
 * data: a member is a villager, the household's head is 户主, a group's leader is 十户长).
 */
export type Viewer = {
	userId: number;
	name: string;
	phone: string;
	villageId: number | null;
	memberId: number | null;
	householdId: number | null;
	isTownAdmin: boolean;
	roles: Role[];
	/** Ten-household groups this person leads. */
	ledGroupIds: number[];
};

export function loadViewer(user: SessionUser): Viewer {
	const roles = new Set<Role>();
	if (user.isTownAdmin) roles.add('town_admin');
	let householdId: number | null = null;
	const ledGroupIds: number[] = [];
	if (user.villageId !== null) {
		const granted = db
			.select({ role: roleGrants.role })
			.from(roleGrants)
			.where(and(eq(roleGrants.userId, user.id), eq(roleGrants.villageId, user.villageId)))
			.all();
		for (const g of granted) roles.add(g.role);
	}
	if (user.memberId !== null) {
		const member = db
			.select({ householdId: members.householdId, active: members.active })
			.from(members)
			.where(eq(members.id, user.memberId))
			.get();
		if (member?.active) {
			householdId = member.householdId;
			roles.add('villager');
			const head = db
				.select({ id: households.id })
				.from(households)
				.where(
					and(eq(households.id, member.householdId), eq(households.headMemberId, user.memberId))
				)
				.get();
			if (head) roles.add('household_head');
			for (const g of db
				.select({ id: tenGroups.id })
				.from(tenGroups)
				.where(and(eq(tenGroups.leaderMemberId, user.memberId), eq(tenGroups.active, true)))
				.all()) {
				ledGroupIds.push(g.id);
			}
			if (ledGroupIds.length > 0) roles.add('group_leader');
		}
	}
	return {
		userId: user.id,
		name: user.name,
		phone: user.phone,
		villageId: user.villageId,
		memberId: user.memberId,
		householdId,
		isTownAdmin: user.isTownAdmin,
		roles: [...roles],
		ledGroupIds
	};
}

export function hasRole(viewer: Viewer | null, role: Role): boolean {
	return viewer?.roles.includes(role) ?? false;
}
