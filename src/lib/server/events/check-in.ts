import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { maskName } from '$lib/realtime/mask';
import { roomName } from '$lib/realtime/events';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { db, write, type Tx } from '$lib/server/db';
import { members } from '$lib/server/db/schema';
import {
	eventCheckins,
	eventSignups,
	events,
	memberCards,
	type CheckinMethod,
	type Event
} from '$lib/server/db/schema/events';
import { DomainError } from '$lib/server/errors';
import { postEntry } from '$lib/server/ledger/post-entry';
import { parseInput } from '$lib/server/people/schemas';
import { memberTarget } from '$lib/server/people/targets';
import { authorize } from '$lib/server/permissions';
import { recordFeed } from '$lib/server/realtime/publish';
import { insertSlip } from '$lib/server/slips/insert-slip';
import * as m from '$lib/paraglide/messages';
import { villageClock } from '$lib/polls/time';
import { attendancePointsMode } from './attendance-points-mode';
import { attendanceRule } from './attendance-rule';
import { readCheckinToken } from './checkin-token';
import { checkedInCount } from './counts';
import { eventTarget } from './event-target';
import { ZCheckIn } from './schemas';

export type CheckinOutcome = {
	memberId: number;
	name: string;
	/** True when the member had already checked in: nothing new was recorded (已签到). */
	alreadyCheckedIn: boolean;
	/** How attendance points went this time: a deposit slip for review, credited, or none. */
	points: { via: 'slip'; slipId: number } | { via: 'credit'; entryId: number } | null;
};

export type CheckinResult = { eventId: number; count: number; outcomes: CheckinOutcome[] };

const villageDate = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Asia/Shanghai',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/** The member on a member card: the bare token, or the whole URL its QR code carries (…?c=token). */
function cardMember(card: string): number {
	let token = card;
	if (/^https?:\/\//.test(card)) {
		try {
			token = new URL(card).searchParams.get('c') ?? '';
		} catch {
			token = '';
		}
	}
	const row = /^[a-z2-7]{16}$/.test(token)
		? db
				.select({ memberId: memberCards.memberId })
				.from(memberCards)
				.where(eq(memberCards.token, token))
				.get()
		: undefined;
	if (!row) throw new DomainError('member_card_invalid');
	return row.memberId;
}

const TOKEN_ERRORS = {
	invalid: 'checkin_token_invalid',
	expired: 'checkin_token_expired',
	other_event: 'checkin_token_other_event'
} as const;

/**
 * The one check-in service, for all three ways: the villager scanned the event's rotating QR
 * code (`qr`), staff scanned a member card (`card`), a leader ticked names on the roster
 * (`roster`). Every refusal has its own code, checked in this order: a bad code or card; not of
 * this village; not allowed; the event cancelled; too early; too late; not signed up (when the
 * event needs it). A member already checked in is a success that records nothing new, so a
 * retried scan or a double tap never counts twice. Attendance points go through the points bank
 * in the same transaction, per the village setting: a deposit slip into the normal review, or
 * credited at once with source ('checkin', id).
 */
export function checkIn(
	viewer: Viewer | null,
	raw: z.input<typeof ZCheckIn>,
	options: { now?: Date; actingForMemberId?: number | null } = {}
): CheckinResult {
	const input = parseInput(ZCheckIn, raw);
	const now = options.now ?? new Date();
	const { event, target } = eventTarget(input.eventId);
	if (!viewer) throw new DomainError('unauthenticated');

	let memberIds: number[];
	if (input.method === 'qr') {
		const reading = readCheckinToken(event, input.token, now, (id) => {
			const other = db
				.select({ qrSecret: events.qrSecret })
				.from(events)
				.where(eq(events.id, id))
				.get();
			return other?.qrSecret ?? null;
		});
		if (!reading.ok) throw new DomainError(TOKEN_ERRORS[reading.reason]);
		const memberId = input.memberId ?? options.actingForMemberId ?? viewer.memberId;
		if (memberId === null) throw new DomainError('checkin_other_village');
		const member = memberTarget(memberId);
		if (member.villageId !== event.villageId) throw new DomainError('checkin_other_village');
		authorize(viewer, 'events:check_in', member);
		memberIds = [memberId];
	} else {
		authorize(viewer, 'events:organise', target);
		memberIds = input.method === 'card' ? [cardMember(input.card)] : [...new Set(input.memberIds)];
		if (memberIds.length === 0) {
			throw new DomainError('validation', { message: m.events_roster_none() });
		}
		const villages = db
			.select({ villageId: members.villageId })
			.from(members)
			.where(inArray(members.id, memberIds))
			.all();
		if (villages.length !== memberIds.length) throw new DomainError('not_found');
		if (villages.some((v) => v.villageId !== event.villageId)) {
			throw new DomainError('checkin_other_village');
		}
	}
	if (event.status === 'cancelled') throw new DomainError('event_cancelled');
	if (now < event.checkInOpensAt) {
		throw new DomainError('checkin_too_early', {
			message: m.events_checkin_too_early_at({ at: villageClock(event.checkInOpensAt) })
		});
	}
	if (now > event.checkInClosesAt) throw new DomainError('checkin_too_late');

	return write((tx) => {
		const outcomes = memberIds.map((memberId) =>
			checkInOne(tx, viewer, event, memberId, input.method, now)
		);
		return { eventId: event.id, count: checkedInCount(tx, event.id), outcomes };
	});
}

function checkInOne(
	tx: Tx,
	viewer: Viewer,
	event: Event,
	memberId: number,
	method: CheckinMethod,
	now: Date
): CheckinOutcome {
	const member = tx
		.select({ name: members.name, householdId: members.householdId })
		.from(members)
		.where(eq(members.id, memberId))
		.get()!;
	const existing = tx
		.select({ id: eventCheckins.id })
		.from(eventCheckins)
		.where(and(eq(eventCheckins.eventId, event.id), eq(eventCheckins.memberId, memberId)))
		.get();
	if (existing) return { memberId, name: member.name, alreadyCheckedIn: true, points: null };
	if (event.signupRequired) {
		const signup = tx
			.select({ status: eventSignups.status })
			.from(eventSignups)
			.where(and(eq(eventSignups.eventId, event.id), eq(eventSignups.memberId, memberId)))
			.get();
		if (signup?.status !== 'signed_up') {
			throw new DomainError('checkin_not_signed_up', {
				message: m.events_not_signed_up_named({ name: member.name })
			});
		}
	}
	const onBehalfOfMemberId = memberId === viewer.memberId ? null : memberId;
	const checkin = tx
		.insert(eventCheckins)
		.values({ eventId: event.id, memberId, method, by: viewer.userId, at: now })
		.returning()
		.get();
	recordAudit(tx, {
		villageId: event.villageId,
		actorUserId: viewer.userId,
		onBehalfOfMemberId: method === 'qr' ? onBehalfOfMemberId : null,
		action: 'event.check_in',
		subjectType: 'event',
		subjectId: event.id,
		detail: { memberId, method, checkinId: checkin.id }
	});
	const points = awardAttendance(tx, viewer, event, memberId, member, checkin.id, now);
	const count = checkedInCount(tx, event.id);
	const memberName = maskName(member.name);
	recordFeed(tx, {
		villageId: event.villageId,
		room: roomName('event', event.id),
		type: 'event_attendance',
		payload: { eventId: event.id, memberName, count }
	});
	recordFeed(tx, {
		villageId: event.villageId,
		room: roomName('village', event.villageId),
		type: 'checked_in',
		payload: { eventId: event.id, title: event.title, memberName, count }
	});
	return { memberId, name: member.name, alreadyCheckedIn: false, points };
}

/**
 * Attendance points, once per check-in (a check-in is once per member and event). 'slip': a
 * deposit slip under the event's rule, reported by whoever checked the member in (so that person
 * can't approve it), as 'committee' or 'team_leader' by the organiser, and counting as the first
 * check — the check-in is the evidence. 'credit': a ledger entry with source ('checkin', id).
 */
function awardAttendance(
	tx: Tx,
	viewer: Viewer,
	event: Event,
	memberId: number,
	member: { name: string; householdId: number },
	checkinId: number,
	now: Date
): CheckinOutcome['points'] {
	const current = attendanceRule(tx, event);
	if (!current || current.rule.points <= 0 || current.rule.photoRequired) return null;
	if (attendancePointsMode(tx, event.villageId) === 'credit') {
		const { entry } = postEntry(tx, {
			villageId: event.villageId,
			householdId: member.householdId,
			memberId,
			kind: 'earn',
			points: current.rule.points,
			source: { type: 'checkin', id: checkinId },
			rule: current.citation,
			note: event.title,
			actorUserId: viewer.userId,
			at: now
		});
		recordFeed(tx, {
			villageId: event.villageId,
			room: roomName('household', member.householdId),
			type: 'points_credited',
			payload: { memberName: member.name, rule: current.rule.name, points: current.rule.points }
		});
		return { via: 'credit', entryId: entry.id };
	}
	const today = villageDate.format(now);
	const { slip } = insertSlip(tx, {
		villageId: event.villageId,
		householdId: member.householdId,
		memberId,
		ruleId: current.citation.ruleId,
		quantity: 1,
		occurredOn: today,
		note: event.title,
		reportedBy: viewer.userId,
		reportedVia: event.organiser === 'team' ? 'team_leader' : 'committee',
		onBehalfOfMemberId: null,
		photoKey: null,
		countsAsCheck: true,
		today,
		audit: { eventId: event.id, checkinId }
	});
	return { via: 'slip', slipId: slip.id };
}
