import { eq } from 'drizzle-orm';
import type { DB, Tx } from '$lib/server/db';
import { eventSettings, type AttendancePointsMode } from '$lib/server/db/schema/events';

/** How the village gives attendance points: 'slip' (normal review and 公示, the default) or 'credit'. */
export function attendancePointsMode(q: DB | Tx, villageId: number): AttendancePointsMode {
	return (
		q
			.select({ mode: eventSettings.attendancePoints })
			.from(eventSettings)
			.where(eq(eventSettings.villageId, villageId))
			.get()?.mode ?? 'slip'
	);
}
