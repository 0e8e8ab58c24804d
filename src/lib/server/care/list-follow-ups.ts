import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { careVisits } from '$lib/server/db/schema/care';
import { authorize } from '$lib/server/permissions';
import { careTarget } from './care-target';
import { visitRows, type VisitRow } from './visit-rows';

/** The committee's list: visits flagged for follow-up and not yet resolved, newest first. */
export function listFollowUps(viewer: Viewer | null, villageId: number): VisitRow[] {
	authorize(viewer, 'care:manage', careTarget(villageId));
	return visitRows()
		.where(
			and(
				eq(careVisits.villageId, villageId),
				eq(careVisits.followUp, true),
				isNull(careVisits.followUpResolvedAt)
			)
		)
		.orderBy(desc(careVisits.visitedOn), desc(careVisits.id))
		.all();
}
