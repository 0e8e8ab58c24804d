import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { households, members, tenGroups } from '$lib/server/db/schema';
import { notFound } from '$lib/server/errors';
import type { Target } from '$lib/server/permissions';

/** Loads what the permission module needs to judge an action on a household. */
export function householdTarget(householdId: number): Extract<Target, { kind: 'household' }> {
	const h = db
		.select({ villageId: households.villageId, tenGroupId: households.tenGroupId })
		.from(households)
		.where(eq(households.id, householdId))
		.get();
	if (!h) throw notFound();
	return { kind: 'household', householdId, ...h };
}

/** Loads what the permission module needs to judge an action on a member. */
export function memberTarget(memberId: number): Extract<Target, { kind: 'member' }> {
	const row = db
		.select({
			villageId: members.villageId,
			householdId: members.householdId,
			proxyConsent: members.proxyConsent,
			tenGroupId: households.tenGroupId
		})
		.from(members)
		.innerJoin(households, eq(members.householdId, households.id))
		.where(eq(members.id, memberId))
		.get();
	if (!row) throw notFound();
	return { kind: 'member', memberId, ...row };
}

/** Loads what the permission module needs to judge an action on a ten-household group. */
export function groupTarget(groupId: number): Extract<Target, { kind: 'group' }> {
	const g = db
		.select({ villageId: tenGroups.villageId })
		.from(tenGroups)
		.where(eq(tenGroups.id, groupId))
		.get();
	if (!g) throw notFound();
	return { kind: 'group', groupId, villageId: g.villageId };
}
