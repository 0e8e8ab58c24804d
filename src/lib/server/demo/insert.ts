import { eq } from 'drizzle-orm';
import type { Tx } from '$lib/server/db';
import { households, members, tenGroups, villages } from '$lib/server/db/schema';
import type { VillagePlan } from './types';

export type InsertedVillage = {
	villageId: number;
	households: number;
	members: number;
	/** Member ids by phone, so the demo logins can be linked to their members. */
	memberIdByPhone: Map<string, number>;
};

/** Writes a planned village inside the caller's transaction. Synchronous: no awaits in here. */
export function insertVillagePlan(tx: Tx, plan: VillagePlan): InsertedVillage {
	const { id: villageId } = tx
		.insert(villages)
		.values({ name: plan.name, code: plan.code, town: plan.town })
		.returning({ id: villages.id })
		.get();
	const memberIdByPhone = new Map<string, number>();
	let householdCount = 0;
	let memberCount = 0;

	for (const group of plan.groups) {
		const { id: tenGroupId } = tx
			.insert(tenGroups)
			.values({ villageId, name: group.name })
			.returning({ id: tenGroups.id })
			.get();
		const headIds: number[] = [];
		for (const h of group.households) {
			const { id: householdId } = tx
				.insert(households)
				.values({
					villageId,
					number: h.number,
					address: h.address,
					villagerGroup: h.villagerGroup,
					tenGroupId
				})
				.returning({ id: households.id })
				.get();
			const memberIds = h.members.map(
				(m) =>
					tx
						.insert(members)
						.values({ villageId, householdId, ...m })
						.returning({ id: members.id })
						.get().id
			);
			h.members.forEach((m, i) => {
				if (m.phone) memberIdByPhone.set(m.phone, memberIds[i] as number);
			});
			// Members need the household's id and the head is a member, so the head comes last.
			const headMemberId = memberIds[0] ?? null;
			tx.update(households).set({ headMemberId }).where(eq(households.id, householdId)).run();
			headIds.push(headMemberId as number);
			householdCount++;
			memberCount += memberIds.length;
		}
		tx.update(tenGroups)
			.set({ leaderMemberId: headIds[group.leaderHousehold] ?? null })
			.where(eq(tenGroups.id, tenGroupId))
			.run();
	}
	return { villageId, households: householdCount, members: memberCount, memberIdByPhone };
}
