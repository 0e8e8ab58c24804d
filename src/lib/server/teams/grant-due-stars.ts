import { and, eq, isNull, lte } from 'drizzle-orm';
import { write } from '$lib/server/db';
import { starLevels } from '$lib/server/db/schema/teams';
import { memberHalfHours } from './hours';

/**
 * Grants the star levels whose notice period has ended. A level whose member's hours fell below
 * its threshold meanwhile (a correction) is withdrawn instead, so it can be announced again when
 * the hours are reached again. Returns how many were granted.
 */
export function grantDueStars(now: Date): number {
	return write((tx) => {
		const due = tx
			.select()
			.from(starLevels)
			.where(and(isNull(starLevels.grantedAt), lte(starLevels.grantsAt, now)))
			.all();
		let granted = 0;
		for (const s of due) {
			if (memberHalfHours(tx, s.memberId) >= s.thresholdHours * 2) {
				tx.update(starLevels).set({ grantedAt: now }).where(eq(starLevels.id, s.id)).run();
				granted++;
			} else {
				tx.delete(starLevels).where(eq(starLevels.id, s.id)).run();
			}
		}
		return granted;
	});
}
