import { eq } from 'drizzle-orm';
import { db, type Tx } from '$lib/server/db';
import { DEFAULT_STAR_THRESHOLDS, volunteerSettings } from '$lib/server/db/schema/teams';

/** The village's five star thresholds in hours (the defaults until the committee sets its own). */
export function starThresholds(q: Tx | typeof db, villageId: number): number[] {
	const row = q
		.select({ t: volunteerSettings.starThresholds })
		.from(volunteerSettings)
		.where(eq(volunteerSettings.villageId, villageId))
		.get();
	return row?.t && row.t.length === 5 ? row.t : [...DEFAULT_STAR_THRESHOLDS];
}
