import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { members } from '$lib/server/db/schema';
import { starLevels } from '$lib/server/db/schema/teams';
import { maskName } from '$lib/realtime/mask';

export type StarNoticeItem = {
	id: number;
	/** Masked: 张*安. */
	memberName: string;
	level: number;
	thresholdHours: number;
	announcedAt: string;
	grantsAt: string;
};

/** 星级志愿者公示: the village's star levels still in their notice period (public, masked). */
export function listStarNotice(villageId: number, now: Date = new Date()): StarNoticeItem[] {
	return db
		.select({
			id: starLevels.id,
			name: members.name,
			level: starLevels.level,
			thresholdHours: starLevels.thresholdHours,
			announcedAt: starLevels.announcedAt,
			grantsAt: starLevels.grantsAt
		})
		.from(starLevels)
		.innerJoin(members, eq(starLevels.memberId, members.id))
		.where(
			and(
				eq(starLevels.villageId, villageId),
				isNull(starLevels.grantedAt),
				gt(starLevels.grantsAt, now)
			)
		)
		.orderBy(asc(starLevels.grantsAt), asc(starLevels.id))
		.all()
		.map((s) => ({
			id: s.id,
			memberName: maskName(s.name),
			level: s.level,
			thresholdHours: s.thresholdHours,
			announcedAt: s.announcedAt.toISOString(),
			grantsAt: s.grantsAt.toISOString()
		}));
}
