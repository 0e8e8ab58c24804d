import { and, desc, eq, gte } from 'drizzle-orm';
import { maskName } from '$lib/realtime/mask';
import { roomName } from '$lib/realtime/events';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { members } from '$lib/server/db/schema';
import { eventCheckins, events } from '$lib/server/db/schema/events';
import { DomainError } from '$lib/server/errors';
import { listEvents } from '$lib/server/events/list-events';
import { getHonourRoll } from '$lib/server/honour/get-honour-roll';
import { publicVillage, type VillageRef } from '$lib/server/honour/standings';
import { can } from '$lib/server/permissions';
import { lastFeedId } from '$lib/server/realtime/feed-query';
import { listNotice } from '$lib/server/slips/list-notice';
import type { Screen } from './views';

/** A TV shows what fits from 5 m away: a dozen check-ins, the top ten, the newest notices. */
export const SCREEN_CHECKINS = 12;
export const SCREEN_HONOUR = 10;
export const SCREEN_NOTICES = 8;

const DAY = 24 * 60 * 60 * 1000;
const dateOf = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Asia/Shanghai',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/** Today in village time: "YYYY-MM-DD" and its bounds (China keeps no daylight saving). */
export function villageDay(now: Date): { date: string; from: Date; to: Date } {
	const date = dateOf.format(now);
	const from = new Date(`${date}T00:00:00+08:00`);
	return { date, from, to: new Date(from.getTime() + DAY) };
}

/**
 * 广场大屏: what the TV in the square shows (public, no login) — today's events with their head
 * counts, the day's latest check-ins, the month's top ten (absent when the village has switched
 * rankings off) and the newest slips on the 公示 board. Names masked; nothing private. Read in
 * one synchronous go, so the feed ids it ends at match the counts: a client that joins the rooms
 * with them misses nothing and counts nothing twice.
 */
export function getScreen(viewer: Viewer | null, ref: VillageRef, now: Date = new Date()): Screen {
	const village = publicVillage(ref);
	const target = { kind: 'village', villageId: village.id } as const;
	if (!can(viewer, 'events:view', target) || !can(viewer, 'room:village', target)) {
		throw new DomainError('not_found');
	}
	const day = villageDay(now);
	const overlapsToday = (e: { startsAt: string; endsAt: string; status: string }) =>
		e.status === 'active' && new Date(e.startsAt) < day.to && new Date(e.endsAt) >= day.from;
	const todays = listEvents(village.code, day.date.slice(0, 7), now).events.filter(overlapsToday);

	const checkins = db
		.select({
			eventId: eventCheckins.eventId,
			title: events.title,
			name: members.name,
			at: eventCheckins.at
		})
		.from(eventCheckins)
		.innerJoin(events, eq(events.id, eventCheckins.eventId))
		.innerJoin(members, eq(members.id, eventCheckins.memberId))
		.where(and(eq(events.villageId, village.id), gte(eventCheckins.at, day.from)))
		.orderBy(desc(eventCheckins.at), desc(eventCheckins.id))
		.limit(SCREEN_CHECKINS)
		.all();

	const roll = getHonourRoll(viewer, { id: village.id }, { period: 'month' }, now);
	const notices = listNotice(village.code, now).items.toReversed().slice(0, SCREEN_NOTICES);

	const villageRoom = roomName('village', village.id);
	return {
		village: { id: village.id, name: village.name, code: village.code },
		today: day.date,
		events: todays,
		checkins: checkins.map((c) => ({
			eventId: c.eventId,
			title: c.title,
			memberName: maskName(c.name),
			at: c.at.toISOString()
		})),
		honour: roll.enabled
			? { periodLabel: roll.periodLabel, households: roll.households.slice(0, SCREEN_HONOUR) }
			: null,
		notices: notices.map((n) => ({
			id: n.id,
			memberName: n.memberName,
			ruleName: n.ruleName,
			points: n.points,
			postedAt: n.postedAt,
			objected: n.objected
		})),
		feed: {
			village: { room: villageRoom, lastId: lastFeedId(villageRoom) },
			events: todays.map((e) => {
				const room = roomName('event', e.id);
				return { room, lastId: lastFeedId(room) };
			})
		}
	};
}
