import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
	cancelSignupEndpoint,
	checkInEndpoint,
	createEventEndpoint,
	getEventEndpoint,
	listEventsEndpoint,
	signUpEndpoint
} from '$lib/server/api/endpoints/events';
import { db, write } from '$lib/server/db';
import { seedDemoEvents } from '$lib/server/demo/events';
import { auditLog, feedEvents } from '$lib/server/db/schema';
import { events, eventSignups } from '$lib/server/db/schema/events';
import { DomainError, type ErrorCode } from '$lib/server/errors';
import { cancelEvent } from '$lib/server/events/cancel-event';
import { cancelSignup } from '$lib/server/events/cancel-signup';
import { checkIn } from '$lib/server/events/check-in';
import { checkinToken } from '$lib/server/events/checkin-token';
import { listEvents } from '$lib/server/events/list-events';
import { signUp } from '$lib/server/events/sign-up';
import { signupChoices } from '$lib/server/events/signup-choices';
import { callEndpoint } from './api-helpers';
import { at, makeEventWorld } from './events-helpers';

function refused(code: ErrorCode, fn: () => unknown): DomainError {
	let caught: unknown;
	try {
		fn();
	} catch (e) {
		caught = e;
	}
	expect(caught).toBeInstanceOf(DomainError);
	expect((caught as DomainError).code).toBe(code);
	return caught as DomainError;
}

const statusOf = (eventId: number, memberId: number) =>
	db
		.select({ status: eventSignups.status })
		.from(eventSignups)
		.where(and(eq(eventSignups.eventId, eventId), eq(eventSignups.memberId, memberId)))
		.get()?.status;

describe('sign-up and the waitlist', () => {
	it('puts sign-ups past capacity on the waitlist and moves the first up on cancellation', () => {
		const w = makeEventWorld();
		const ev = w.event({ capacity: 1 });
		const now = at(-100);
		expect(
			signUp(w.home.viewer, { eventId: ev.id, memberId: w.home.head.id }, { now }).status
		).toBe('signed_up');
		const waiting = signUp(
			w.neighbour.viewer,
			{ eventId: ev.id, memberId: w.neighbour.head.id },
			{ now: at(-99) }
		);
		expect(waiting.status).toBe('waitlisted');
		// A second tap changes nothing.
		expect(
			signUp(
				w.neighbour.viewer,
				{ eventId: ev.id, memberId: w.neighbour.head.id },
				{ now: at(-98) }
			).id
		).toBe(waiting.id);
		const r = cancelSignup(
			w.home.viewer,
			{ eventId: ev.id, memberId: w.home.head.id },
			{ now: at(-90) }
		);
		expect(r.signup?.status).toBe('cancelled');
		expect(r.promoted?.memberId).toBe(w.neighbour.head.id);
		expect(statusOf(ev.id, w.neighbour.head.id)).toBe('signed_up');
		const told = db
			.select()
			.from(feedEvents)
			.where(
				and(
					eq(feedEvents.room, `household:${w.neighbour.household.id}`),
					eq(feedEvents.type, 'signup_promoted')
				)
			)
			.all();
		expect(told.map((f) => f.payload)).toEqual([
			{ eventId: ev.id, title: '重阳饺子宴', memberName: '李大明' }
		]);
		// Cancelling again is a no-op; signing up again puts 张小安 at the end of the waitlist.
		expect(
			cancelSignup(w.home.viewer, { eventId: ev.id, memberId: w.home.head.id }, { now: at(-89) })
				.promoted
		).toBeNull();
		expect(
			signUp(w.home.viewer, { eventId: ev.id, memberId: w.home.head.id }, { now: at(-88) }).status
		).toBe('waitlisted');
	});

	it('promotes waitlisted members in the order they signed up', () => {
		const w = makeEventWorld();
		const ev = w.event({ capacity: 1 });
		signUp(w.leader, { eventId: ev.id, memberId: w.leader.memberId! }, { now: at(-100) });
		signUp(w.neighbour.viewer, { eventId: ev.id, memberId: w.neighbour.head.id }, { now: at(-99) });
		signUp(w.home.viewer, { eventId: ev.id, memberId: w.home.head.id }, { now: at(-98) });
		const r = cancelSignup(
			w.committee,
			{ eventId: ev.id, memberId: w.leader.memberId! },
			{ now: at(-90) }
		);
		expect(r.promoted?.memberId).toBe(w.neighbour.head.id);
		expect(statusOf(ev.id, w.home.head.id)).toBe('waitlisted');
	});

	it('a cancelled event takes no more sign-ups or check-ins; only the organiser cancels', () => {
		const w = makeEventWorld();
		const ev = w.event({ signupRequired: false });
		refused('forbidden', () => cancelEvent(w.home.viewer, ev.id));
		expect(cancelEvent(w.committee, ev.id).status).toBe('cancelled');
		expect(cancelEvent(w.committee, ev.id).status).toBe('cancelled');
		refused('event_cancelled', () =>
			signUp(w.home.viewer, { eventId: ev.id, memberId: w.home.head.id }, { now: at(-60) })
		);
		refused('event_cancelled', () =>
			checkIn(
				w.home.viewer,
				{ method: 'qr', eventId: ev.id, token: checkinToken(ev, at(0)) },
				{ now: at(0) }
			)
		);
	});

	it('refuses sign-ups for a finished event', () => {
		const w = makeEventWorld();
		const ev = w.event();
		refused('event_signup_closed', () =>
			signUp(w.home.viewer, { eventId: ev.id, memberId: w.home.head.id }, { now: at(121) })
		);
	});
});

describe('acting on behalf (代办)', () => {
	it('family signs up an elderly member who agreed, recorded as on their behalf', () => {
		const w = makeEventWorld();
		const ev = w.event();
		const s = signUp(w.home.viewer, { eventId: ev.id, memberId: w.elder.id }, { now: at(-60) });
		expect(s).toMatchObject({
			memberId: w.elder.id,
			status: 'signed_up',
			signedUpBy: w.home.viewer.userId,
			onBehalfOfMemberId: w.elder.id
		});
		const audit = db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'event.signup'), eq(auditLog.onBehalfOfMemberId, w.elder.id)))
			.all();
		expect(audit).toHaveLength(1);
		expect(signupChoices(w.home.viewer, ev.id)).toEqual([
			{ memberId: w.home.head.id, name: '张小安', onBehalf: false, status: null, checkedIn: false },
			{
				memberId: w.elder.id,
				name: '张老汉',
				onBehalf: true,
				status: 'signed_up',
				checkedIn: false
			}
		]);
	});

	it('the 十户长 may for a consenting member of the group; nobody may without consent', () => {
		const w = makeEventWorld();
		const ev = w.event();
		expect(
			signUp(w.leader, { eventId: ev.id, memberId: w.elder.id }, { now: at(-60) })
				.onBehalfOfMemberId
		).toBe(w.elder.id);
		refused('forbidden', () =>
			signUp(w.home.viewer, { eventId: ev.id, memberId: w.teen.id }, { now: at(-60) })
		);
		refused('forbidden', () =>
			signUp(w.neighbour.viewer, { eventId: ev.id, memberId: w.elder.id }, { now: at(-60) })
		);
		refused('forbidden', () =>
			signUp(w.committee2, { eventId: ev.id, memberId: w.home.head.id }, { now: at(-60) })
		);
	});
});

describe('demo events', () => {
	it('seed one event today whose check-in is open, and a 楼长节 with sign-ups', () => {
		const w = makeEventWorld();
		const now = new Date('2026-06-06T04:00:00Z'); // 12:00 village time
		write((tx) => seedDemoEvents(tx, w.village.id, w.committee.phone, now));
		const seeded = db.select().from(events).where(eq(events.villageId, w.village.id)).all();
		expect(seeded.map((e) => e.title)).toEqual(['睦邻饺子宴', '楼长节联欢会', '社区趣味运动会']);
		const today = seeded[0]!;
		expect(today.checkInOpensAt.getTime()).toBeLessThan(now.getTime());
		expect(today.checkInClosesAt.getTime()).toBeGreaterThan(now.getTime());
		const r = checkIn(
			w.home.viewer,
			{ method: 'qr', eventId: today.id, token: checkinToken(today, now) },
			{ now }
		);
		expect(r.count).toBe(1);
		expect(
			db.select().from(eventSignups).where(eq(eventSignups.eventId, seeded[1]!.id)).all().length
		).toBeGreaterThan(0);
	});
});

describe('events API', () => {
	it('creates once per Idempotency-Key; the list and the page are public', async () => {
		const w = makeEventWorld();
		const body = {
			type: '楼长节',
			title: '楼长节联欢',
			place: '文化广场',
			startsAt: '2026-06-20T10:00:00+08:00',
			endsAt: '2026-06-20T12:00:00+08:00',
			signupRequired: false,
			checkInOpensAt: '2026-06-20T09:30:00+08:00',
			checkInClosesAt: '2026-06-20T12:00:00+08:00'
		};
		const headers = { 'idempotency-key': 'evt-create-1' };
		const first = await callEndpoint(createEventEndpoint, { viewer: w.committee, body, headers });
		const again = await callEndpoint(createEventEndpoint, { viewer: w.committee, body, headers });
		expect(first.status).toBe(201);
		expect(again.body.id).toBe(first.body.id);
		expect(db.select().from(events).where(eq(events.villageId, w.village.id)).all()).toHaveLength(
			1
		);
		const denied = await callEndpoint(createEventEndpoint, { viewer: w.home.viewer, body });
		expect(denied.status).toBe(403);

		const list = await callEndpoint(listEventsEndpoint, {
			query: { village: w.village.code, month: '2026-06' }
		});
		expect(list.status).toBe(200);
		expect(list.body.events.map((e: { title: string }) => e.title)).toEqual(['楼长节联欢']);
		expect(listEvents(w.village.code, '2026-07').events).toEqual([]);
		const page = await callEndpoint(getEventEndpoint, { params: { id: String(first.body.id) } });
		expect(page.body).toMatchObject({ title: '楼长节联欢', checkedIn: 0, attendance: null });
		expect(JSON.stringify(page.body)).not.toMatch(/qrSecret|createdBy/);
	});

	it('signs up, cancels and checks in with clear error codes', async () => {
		const w = makeEventWorld();
		const ev = w.event({
			checkInOpensAt: new Date(Date.now() - 60_000).toISOString(),
			checkInClosesAt: new Date(Date.now() + 3_600_000).toISOString(),
			startsAt: new Date().toISOString(),
			endsAt: new Date(Date.now() + 3_600_000).toISOString()
		});
		const params = { id: String(ev.id) };
		const s = await callEndpoint(signUpEndpoint, {
			viewer: w.home.viewer,
			params,
			body: { memberId: w.home.head.id }
		});
		expect(s.status).toBe(201);
		expect(s.body.status).toBe('signed_up');
		const forged = await callEndpoint(checkInEndpoint, {
			viewer: w.home.viewer,
			params,
			body: { method: 'qr', token: `${ev.id}.1.aaaaaaaaaaaaaaaaaaaa` }
		});
		expect(forged.status).toBe(422);
		expect(forged.body.error.code).toBe('checkin_token_invalid');
		const ok = await callEndpoint(checkInEndpoint, {
			viewer: w.home.viewer,
			params,
			body: { method: 'qr', token: checkinToken(ev, new Date()) }
		});
		expect(ok.status).toBe(200);
		expect(ok.body.count).toBe(1);
		const cancel = await callEndpoint(cancelSignupEndpoint, {
			viewer: w.neighbour.viewer,
			params: { id: String(ev.id), memberId: String(w.home.head.id) }
		});
		expect(cancel.status).toBe(403);
	});
});
