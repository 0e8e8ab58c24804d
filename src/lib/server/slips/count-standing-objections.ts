import { and, eq, sql } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { slipObjections } from '$lib/server/db/schema';
import { authorize } from '$lib/server/permissions';

/** How many objections of the village wait for the committee (for the committee home). */
export function countStandingObjections(viewer: Viewer | null, villageId: number): number {
	authorize(viewer, 'slips:resolve_objection', { kind: 'village', villageId });
	const row = db
		.select({ n: sql<number>`count(*)` })
		.from(slipObjections)
		.where(and(eq(slipObjections.villageId, villageId), eq(slipObjections.status, 'standing')))
		.get();
	return Number(row?.n ?? 0);
}
