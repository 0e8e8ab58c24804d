import { and, eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { households } from '$lib/server/db/schema';
import { ownVillageTarget } from '$lib/server/people/scope';
import { householdSummaries } from '$lib/server/people/views';
import { authorize } from '$lib/server/permissions';
import { getRuleBook } from '$lib/server/rules/get-rule-book';

export type InspectionGroup = {
	/** null: households in no ten-household group. */
	groupId: number | null;
	groupName: string | null;
	households: { id: number; number: string; headName: string | null; memberCount: number }[];
};

/**
 * What the inspection form offers: the current rule book's active rules and every active household
 * with someone in it, by ten-household group.
 */
export function inspectionChoices(viewer: Viewer | null) {
	const target = ownVillageTarget(viewer);
	authorize(viewer, 'slips:inspect', target);
	const book = getRuleBook({ id: target.villageId });
	const rules = (book.version?.rules ?? []).filter((r) => r.active);
	const groups = new Map<number | null, InspectionGroup>();
	const list = householdSummaries(
		and(eq(households.villageId, target.villageId), eq(households.active, true))
	);
	for (const h of list) {
		// A household with no one in it has no one to score.
		if (h.memberCount === 0) continue;
		const group = groups.get(h.tenGroupId) ?? {
			groupId: h.tenGroupId,
			groupName: h.tenGroupName,
			households: []
		};
		group.households.push({
			id: h.id,
			number: h.number,
			headName: h.headName,
			memberCount: h.memberCount
		});
		groups.set(h.tenGroupId, group);
	}
	const ordered = [...groups.values()].sort((a, b) =>
		a.groupName === null
			? 1
			: b.groupName === null
				? -1
				: a.groupName.localeCompare(b.groupName, 'zh-CN', { numeric: true })
	);
	return { rules, groups: ordered };
}
