import { and, isNull, lte } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { polls } from '$lib/server/db/schema/polls';
import { announceClosedPolls } from './announce-closed-polls';

/**
 * The timer's side of announcing polls closed by time: every village with such a poll gets its
 * poll_closed feed items now, even if nobody opens the polls page. Reads announce lazily too;
 * `closeAnnouncedAt` keeps the two from announcing twice. Returns how many were announced.
 */
export function announceAllClosedPolls(now: Date): number {
	const villages = db
		.selectDistinct({ villageId: polls.villageId })
		.from(polls)
		.where(and(isNull(polls.closedAt), isNull(polls.closeAnnouncedAt), lte(polls.closesAt, now)))
		.all();
	let announced = 0;
	for (const { villageId } of villages) announced += announceClosedPolls(villageId, now);
	return announced;
}
