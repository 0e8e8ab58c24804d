import { eq, sql } from 'drizzle-orm';
import type { Tx } from '$lib/server/db';
import { households, members, newPlaqueToken, tenGroups } from '$lib/server/db/schema';
import type { ImportPlan, VillageState } from './plan-import';

const p = (name: string) => sql.placeholder(name);

/**
 * Writes a checked plan inside the caller's transaction: new 十户联组, then each household, its
 * members and its head. Each statement is prepared once and run per row: building the SQL anew
 * for every row would cost more than SQLite's own work, and the write lock is held meanwhile.
 */
export function applyPlan(
	tx: Tx,
	villageId: number,
	plan: ImportPlan,
	state: VillageState
): { householdIds: number[] } {
	const groupIds = new Map([...state.groups].map(([name, g]) => [name, g.id]));
	const insertGroup = tx
		.insert(tenGroups)
		.values({ villageId, name: p('name') })
		.returning({ id: tenGroups.id })
		.prepare();
	for (const name of plan.newGroups) groupIds.set(name, insertGroup.get({ name })!.id);

	const insertHousehold = tx
		.insert(households)
		.values({
			villageId,
			number: p('number'),
			address: p('address'),
			villagerGroup: p('villagerGroup'),
			tenGroupId: p('tenGroupId'),
			// A prepared statement would bake in one default token for every row.
			plaqueToken: p('plaqueToken')
		})
		.returning({ id: households.id })
		.prepare();
	const insertMember = tx
		.insert(members)
		.values({
			villageId,
			householdId: p('householdId'),
			name: p('name'),
			gender: p('gender'),
			birthYear: p('birthYear'),
			relation: p('relation'),
			phone: p('phone'),
			idNumber: p('idNumber'),
			careTags: p('careTags'),
			riskTier: p('riskTier'),
			assistance: p('assistance'),
			proxyConsent: p('proxyConsent')
		})
		.returning({ id: members.id })
		.prepare();
	const setHead = tx
		.update(households)
		.set({ headMemberId: sql`${p('headMemberId')}` })
		.where(eq(households.id, p('id')))
		.prepare();

	const householdIds: number[] = [];
	for (const h of plan.households) {
		const { id } = insertHousehold.get({
			number: h.number,
			address: h.address,
			villagerGroup: h.villagerGroup,
			tenGroupId: h.tenGroup ? groupIds.get(h.tenGroup)! : null,
			plaqueToken: newPlaqueToken()
		})!;
		let headMemberId: number | null = null;
		for (const { row: _row, isHead, ...fields } of h.members) {
			const member = insertMember.get({ ...fields, householdId: id })!;
			if (isHead) headMemberId = member.id;
		}
		setHead.run({ headMemberId, id });
		householdIds.push(id);
	}
	return { householdIds };
}
