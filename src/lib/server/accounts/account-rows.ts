import { asc, eq, inArray } from 'drizzle-orm';
import type { Role } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import {
	households,
	members,
	roleGrants,
	type GrantedRole,
	type User
} from '$lib/server/db/schema';
import { derivedRolesOf } from './derived-roles';

/** One login as the committee sees it in the accounts list. */
export type AccountRow = {
	id: number;
	name: string;
	phone: string;
	memberId: number | null;
	householdId: number | null;
	householdNumber: string | null;
	active: boolean;
	/** Every role the person holds: granted ones and those that follow from the data. */
	roles: Role[];
	/** The roles the committee granted (and may revoke). */
	grantedRoles: GrantedRole[];
	createdAt: Date;
};

/** Display order of roles: most responsible first. */
const ROLE_ORDER: Role[] = [
	'town_admin',
	'committee',
	'shopkeeper',
	'team_leader',
	'group_leader',
	'household_head',
	'villager'
];

type UserFields = Pick<
	User,
	'id' | 'name' | 'phone' | 'memberId' | 'villageId' | 'active' | 'createdAt'
>;

/** Adds roles and 户号 to a page of users with a fixed number of queries. */
export function toAccountRows(list: UserFields[]): AccountRow[] {
	if (list.length === 0) return [];
	const grants = db
		.select({ userId: roleGrants.userId, villageId: roleGrants.villageId, role: roleGrants.role })
		.from(roleGrants)
		.where(
			inArray(
				roleGrants.userId,
				list.map((u) => u.id)
			)
		)
		.orderBy(asc(roleGrants.role))
		.all();
	const memberIds = list.flatMap((u) => (u.memberId === null ? [] : [u.memberId]));
	const derived = derivedRolesOf(memberIds);
	const homes = new Map(
		memberIds.length === 0
			? []
			: db
					.select({ memberId: members.id, householdId: households.id, number: households.number })
					.from(members)
					.innerJoin(households, eq(households.id, members.householdId))
					.where(inArray(members.id, memberIds))
					.all()
					.map((r) => [r.memberId, r] as const)
	);
	return list.map((u) => {
		const granted = grants
			.filter((g) => g.userId === u.id && g.villageId === u.villageId)
			.map((g) => g.role);
		const all = new Set<Role>([
			...granted,
			...((u.memberId !== null && derived.get(u.memberId)) || [])
		]);
		const home = u.memberId !== null ? homes.get(u.memberId) : undefined;
		return {
			id: u.id,
			name: u.name,
			phone: u.phone,
			memberId: u.memberId,
			householdId: home?.householdId ?? null,
			householdNumber: home?.number ?? null,
			active: u.active,
			roles: ROLE_ORDER.filter((r) => all.has(r)),
			grantedRoles: granted,
			createdAt: u.createdAt
		};
	});
}
