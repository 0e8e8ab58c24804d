import { and, eq } from 'drizzle-orm';
import type { Tx } from '$lib/server/db';
import { members, villages } from '$lib/server/db/schema';
import { starLevels } from '$lib/server/db/schema/teams';
import { maskName } from '$lib/realtime/mask';
import { roomName } from '$lib/realtime/events';
import { recordFeed } from '$lib/server/realtime/publish';
import { memberHalfHours } from './hours';
import { starThresholds } from './star-thresholds';

const DAY = 86_400_000;

/**
 * Inside the caller's transaction, after a member's hours changed: every star level whose
 * threshold their confirmed hours have now reached, and that isn't announced yet, goes on the
 * notice board (公示) for the village's notice period; the star timer grants it afterwards.
 * Returns the levels announced.
 */
export function announceStarLevels(
	tx: Tx,
	villageId: number,
	memberId: number,
	now: Date
): number[] {
	const half = memberHalfHours(tx, memberId);
	const thresholds = starThresholds(tx, villageId);
	const village = tx
		.select({ noticeDays: villages.noticeDays })
		.from(villages)
		.where(eq(villages.id, villageId))
		.get();
	const grantsAt = new Date(now.getTime() + (village?.noticeDays ?? 7) * DAY);
	const announced: number[] = [];
	thresholds.forEach((hours, i) => {
		const level = i + 1;
		if (half < hours * 2) return;
		const exists = tx
			.select({ id: starLevels.id })
			.from(starLevels)
			.where(and(eq(starLevels.memberId, memberId), eq(starLevels.level, level)))
			.get();
		if (exists) return;
		tx.insert(starLevels)
			.values({ villageId, memberId, level, thresholdHours: hours, announcedAt: now, grantsAt })
			.run();
		announced.push(level);
		// The village's public feed (and the square screen) hears of it, name masked.
		const member = tx
			.select({ name: members.name })
			.from(members)
			.where(eq(members.id, memberId))
			.get();
		recordFeed(tx, {
			villageId,
			room: roomName('village', villageId),
			type: 'star_level_announced',
			payload: {
				memberName: maskName(member?.name ?? '—'),
				level,
				hours,
				grantsAt: grantsAt.toISOString()
			}
		});
	});
	return announced;
}
