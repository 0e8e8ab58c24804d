import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { households, members, tenGroups } from '$lib/server/db/schema';
import { authorize } from '$lib/server/permissions';

export type GroupOverview = {
	id: number;
	name: string;
	households: {
		id: number;
		number: string;
		address: string;
		headName: string | null;
		memberCount: number;
		balance: number;
		/** Members who agreed to 代办 and whom this leader may therefore act for. */
		proxyMembers: { id: number; name: string }[];
	}[];
};

/** The ten-household groups a 十户长 leads, with their households' standing. */
export function getLedGroups(viewer: Viewer | null): GroupOverview[] {
	if (!viewer?.villageId || viewer.ledGroupIds.length === 0) return [];
	const groups = db
		.select({ id: tenGroups.id, name: tenGroups.name, villageId: tenGroups.villageId })
		.from(tenGroups)
		.where(inArray(tenGroups.id, viewer.ledGroupIds))
		.orderBy(asc(tenGroups.id))
		.all();
	for (const g of groups)
		authorize(viewer, 'group:view', { kind: 'group', villageId: g.villageId, groupId: g.id });
	const hh = db
		.select()
		.from(households)
		.where(and(inArray(households.tenGroupId, viewer.ledGroupIds), eq(households.active, true)))
		.orderBy(asc(households.number))
		.all();
	const people = hh.length
		? db
				.select({
					id: members.id,
					name: members.name,
					householdId: members.householdId,
					proxyConsent: members.proxyConsent
				})
				.from(members)
				.where(
					and(
						inArray(
							members.householdId,
							hh.map((h) => h.id)
						),
						eq(members.active, true)
					)
				)
				.all()
		: [];
	return groups.map((g) => ({
		id: g.id,
		name: g.name,
		households: hh
			.filter((h) => h.tenGroupId === g.id)
			.map((h) => {
				const own = people.filter((p) => p.householdId === h.id);
				return {
					id: h.id,
					number: h.number,
					address: h.address,
					headName: own.find((p) => p.id === h.headMemberId)?.name ?? null,
					memberCount: own.length,
					balance: h.balance,
					proxyMembers: own
						.filter((p) => p.proxyConsent && p.id !== viewer.memberId)
						.map(({ id, name }) => ({ id, name }))
				};
			})
	}));
}
