import { and, asc, eq, exists, gt } from 'drizzle-orm';
import { db } from '$lib/server/db';
import {
	depositSlips,
	households,
	members,
	rules,
	slipObjections,
	villages
} from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { maskName } from '$lib/realtime/mask';

export type NoticeItem = {
	id: number;
	householdNumber: string;
	/** Masked: 张*安. */
	memberName: string;
	category: string;
	ruleName: string;
	quantity: number;
	points: number;
	occurredOn: string;
	postedAt: string;
	noticeEndsAt: string;
	/** An objection stands: the slip waits for the committee (who objected is never shown). */
	objected: boolean;
	/** Photo evidence (stored without location data), public while on the board; or null. */
	photoKey: string | null;
};

export type NoticeBoard = {
	village: { id: number; name: string; code: string; noticeDays: number };
	items: NoticeItem[];
};

/**
 * The public 公示 board of a village (no login): slips approved and still within their notice
 * period. Names masked; nothing private (no phones, notes or who reported).
 */
export function listNotice(villageCode: string, now: Date = new Date()): NoticeBoard {
	const village = db
		.select({
			id: villages.id,
			name: villages.name,
			code: villages.code,
			noticeDays: villages.noticeDays
		})
		.from(villages)
		.where(and(eq(villages.code, villageCode), eq(villages.active, true)))
		.get();
	if (!village) throw new DomainError('not_found');
	const rows = db
		.select({
			id: depositSlips.id,
			householdNumber: households.number,
			memberName: members.name,
			category: rules.category,
			ruleName: rules.name,
			quantity: depositSlips.quantity,
			points: depositSlips.points,
			occurredOn: depositSlips.occurredOn,
			postedAt: depositSlips.postedAt,
			noticeEndsAt: depositSlips.noticeEndsAt,
			photoKey: depositSlips.photoKey,
			objected: exists(
				db
					.select({ id: slipObjections.id })
					.from(slipObjections)
					.where(
						and(eq(slipObjections.slipId, depositSlips.id), eq(slipObjections.status, 'standing'))
					)
			)
		})
		.from(depositSlips)
		.innerJoin(households, eq(households.id, depositSlips.householdId))
		.innerJoin(members, eq(members.id, depositSlips.memberId))
		.innerJoin(rules, eq(rules.id, depositSlips.ruleId))
		.where(
			and(
				eq(depositSlips.villageId, village.id),
				eq(depositSlips.status, 'posted'),
				gt(depositSlips.noticeEndsAt, now)
			)
		)
		.orderBy(asc(depositSlips.postedAt), asc(depositSlips.id))
		.all();
	return {
		village,
		items: rows.map((r) => ({
			...r,
			memberName: maskName(r.memberName),
			postedAt: r.postedAt?.toISOString() ?? '',
			noticeEndsAt: r.noticeEndsAt?.toISOString() ?? '',
			objected: Boolean(r.objected)
		}))
	};
}
