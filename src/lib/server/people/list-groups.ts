import { and, eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { tenGroups } from '$lib/server/db/schema';
import { authorize } from '$lib/server/permissions';
import { parseInput, type GroupSearch, ZGroupSearch } from './schemas';
import { ownVillageTarget } from './scope';
import { groupSummaries, type GroupSummary } from './views';

/** The village's ten-household groups with leader and household count (committee). */
export function listGroups(viewer: Viewer | null, raw: GroupSearch = {}): GroupSummary[] {
	const target = ownVillageTarget(viewer);
	authorize(viewer, 'people:manage', target);
	const search = parseInput(ZGroupSearch, raw);
	return groupSummaries(
		and(
			eq(tenGroups.villageId, target.villageId),
			search.includeInactive ? undefined : eq(tenGroups.active, true)
		)
	);
}
