import { HouseholdPlanner } from './household';
import type { Rng } from './prng';
import type { GroupPlan, HouseholdPlan, VillagePlan, VillageSpec } from './types';

/** Plans a whole village: households in ten-household groups, numbered and addressed in order. */
export function planVillage(spec: VillageSpec, rng: Rng, phones: Set<string>): VillagePlan {
	const planner = new HouseholdPlanner(rng, spec, phones);
	const perVillagerGroup = Math.ceil(spec.households / spec.villagerGroups.length);
	const groups: GroupPlan[] = [];
	for (let i = 0; i < spec.households; i++) {
		const villagerGroup = spec.villagerGroups[Math.floor(i / perVillagerGroup)] ?? '';
		const household: HouseholdPlan = {
			number: `${spec.prefix}-${String(i + 1).padStart(3, '0')}`,
			address: `${spec.name}${villagerGroup}${(i % perVillagerGroup) + 1}号`,
			villagerGroup,
			members:
				spec.pinned[i]?.map((m) => ({ ...m, careTags: [...m.careTags] })) ?? planner.household()
		};
		const g = Math.floor(i / spec.groupSize);
		groups[g] ??= { name: `第${g + 1}联组`, households: [], leaderHousehold: 0 };
		groups[g].households.push(household);
	}
	// The leader is the head of the group's second household (its first in a one-household group).
	for (const g of groups) g.leaderHousehold = Math.min(1, g.households.length - 1);
	return { name: spec.name, code: spec.code, town: spec.town, groups };
}
