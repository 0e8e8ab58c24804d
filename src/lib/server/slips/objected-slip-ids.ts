import { and, eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { slipObjections } from '$lib/server/db/schema';

/**
 * The slips of a village the viewer has already objected to (whatever became of the objection),
 * so the notice board shows "you objected" instead of a form they can't use again.
 */
export function objectedSlipIds(viewer: Viewer | null, villageId: number): number[] {
	if (!viewer || viewer.villageId !== villageId) return [];
	return db
		.select({ slipId: slipObjections.slipId })
		.from(slipObjections)
		.where(and(eq(slipObjections.villageId, villageId), eq(slipObjections.raisedBy, viewer.userId)))
		.all()
		.map((r) => r.slipId);
}
