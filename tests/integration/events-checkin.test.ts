import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadViewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { depositSlips, feedEvents, households, ledgerEntries } from '$lib/server/db/schema';
import { eventCheckins } from '$lib/server/db/schema/events';
import { volunteerTeams } from '$lib/server/db/schema/teams';
import { DomainError, type ErrorCode } from '$lib/server/errors';
import { checkIn } from '$lib/server/events/check-in';
import { checkinToken, TOKEN_STEP_MS } from '$lib/server/events/checkin-token';
import { getCheckinCode } from '$lib/server/events/get-checkin-code';
import { getEvent } from '$lib/server/events/get-event';
import { getRoster } from '$lib/server/events/get-roster';
import { listMemberCards } from '$lib/server/events/list-member-cards';
import { setEventSettings } from '$lib/server/events/set-event-settings';
import { signUp } from '$lib/server/events/sign-up';
import { makeFamily, makeUser, makeVillage } from '../factories';
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

/** A world with one event the home head (张小安) signed up for. */
function signedUpWorld(overrides: Record<string, unknown> = {}) {
	const w = makeEventWorld();
	const event = w.event(overrides);
	signUp(w.home.viewer, { eventId: event.id, memberId: w.home.head.id }, { now: at(-60) });
	const qr = (now: Date, token = checkinToken(event, now), viewer = w.home.viewer) =>
		checkIn(viewer, { method: 'qr', eventId: event.id, token }, { now });
	return { ...w, ev: event, qr };
}

const checkinRows = (eventId: number) =>
	db.select().from(eventCheckins).where(eq(eventCheckins.eventId, eventId)).all();

describe('the rotating QR token', () => {
	it('accepts the current code and the one just before it', () => {
		const w = signedUpWorld();
		const shown = at(0);
		const r = w.qr(new Date(shown.getTime() + TOKEN_STEP_MS), checkinToken(w.ev, shown));
		expect(r.count).toBe(1);
		expect(r.outcomes).toEqual([
			expect.objectContaining({ memberId: w.home.head.id, alreadyCheckedIn: false })
		]);
	});

	it('refuses a code two steps old as expired (a photo sent home)', () => {
		const w = signedUpWorld();
		const shown = at(0);
		const e = refused('checkin_token_expired', () =>
			w.qr(new Date(shown.getTime() + 2 * TOKEN_STEP_MS), checkinToken(w.ev, shown))
		);
		expect(e.userMessage()).toMatch(/过期/);
		expect(checkinRows(w.ev.id)).toHaveLength(0);
	});

	it('refuses forged, malformed and future codes as invalid', () => {
		const w = signedUpWorld();
		const now = at(0);
		const good = checkinToken(w.ev, now);
		const flipped = good.slice(0, -1) + (good.endsWith('a') ? 'b' : 'a');
		refused('checkin_token_invalid', () => w.qr(now, flipped));
		refused('checkin_token_invalid', () => w.qr(now, 'hello'));
		refused('checkin_token_invalid', () => w.qr(now, good.replace(/^\d+/, '999999')));
		// Made with a secret that isn't the event's: forged.
		refused('checkin_token_invalid', () =>
			w.qr(now, checkinToken({ id: w.ev.id, qrSecret: 'ab'.repeat(32) }, now))
		);
		refused('checkin_token_invalid', () =>
			w.qr(now, checkinToken(w.ev, new Date(now.getTime() + 2 * TOKEN_STEP_MS)))
		);
		expect(checkinRows(w.ev.id)).toHaveLength(0);
	});

	it('refuses a genuine code of another event', () => {
		const w = signedUpWorld();
		const other = w.event({ title: '楼长节' });
		const now = at(0);
		const e = refused('checkin_token_other_event', () => w.qr(now, checkinToken(other, now)));
		expect(e.userMessage()).toMatch(/另一个活动/);
	});

	it('gives the organiser the code and its URL, and nobody else', () => {
		const w = signedUpWorld();
		const code = getCheckinCode(w.committee, w.ev.id, 'https://jishan.example', at(0));
		expect(code.url).toBe(
			`https://jishan.example/events/${w.ev.id}/checkin?t=${encodeURIComponent(code.token)}`
		);
		expect(code.token).toBe(checkinToken(w.ev, at(0)));
		refused('forbidden', () => getCheckinCode(w.home.viewer, w.ev.id, 'https://x', at(0)));
		refused('unauthenticated', () => getCheckinCode(null, w.ev.id, 'https://x', at(0)));
	});
});

describe('check-in rules', () => {
	it('is once per person whatever is retried: the second is 已签到, not a second row', () => {
		const w = signedUpWorld();
		const first = w.qr(at(0));
		const again = w.qr(at(1));
		expect(first.outcomes[0]!.alreadyCheckedIn).toBe(false);
		expect(again.outcomes[0]!.alreadyCheckedIn).toBe(true);
		expect(again.count).toBe(1);
		// Staff ticking the same person afterwards changes nothing either.
		const ticked = checkIn(
			w.committee,
			{ method: 'roster', eventId: w.ev.id, memberIds: [w.home.head.id] },
			{ now: at(2) }
		);
		expect(ticked.outcomes[0]!.alreadyCheckedIn).toBe(true);
		expect(checkinRows(w.ev.id)).toHaveLength(1);
	});

	it('is only inside the window: too early, too late', () => {
		const w = signedUpWorld();
		const early = refused('checkin_too_early', () => w.qr(at(-31)));
		expect(early.userMessage()).toContain('开始签到');
		refused('checkin_too_late', () => w.qr(at(91)));
		expect(w.qr(at(-30)).count).toBe(1);
	});

	it('needs a sign-up when the event asks for one, and not otherwise', () => {
		const w = signedUpWorld();
		const now = at(0);
		refused('checkin_not_signed_up', () => w.qr(now, checkinToken(w.ev, now), w.neighbour.viewer));
		const open = w.event({ title: '社区运动会', signupRequired: false });
		const r = checkIn(
			w.neighbour.viewer,
			{ method: 'qr', eventId: open.id, token: checkinToken(open, now) },
			{ now }
		);
		expect(r.count).toBe(1);
	});

	it('refuses a villager of another village with a clear reason', () => {
		const w = signedUpWorld();
		const other = makeVillage();
		const f = makeFamily({ villageId: other.id });
		const stranger = loadViewer(makeUser({ memberId: f.head.id }));
		const e = refused('checkin_other_village', () =>
			w.qr(at(0), checkinToken(w.ev, at(0)), stranger)
		);
		expect(e.userMessage()).toMatch(/本村/);
	});

	it('lets 代办 check in the elderly member on the spot, and only with consent', () => {
		const w = signedUpWorld({ signupRequired: false });
		const now = at(0);
		const token = checkinToken(w.ev, now);
		const r = checkIn(
			w.home.viewer,
			{ method: 'qr', eventId: w.ev.id, token },
			{ now, actingForMemberId: w.elder.id }
		);
		expect(r.outcomes[0]!.memberId).toBe(w.elder.id);
		refused('forbidden', () =>
			checkIn(
				w.home.viewer,
				{ method: 'qr', eventId: w.ev.id, token, memberId: w.teen.id },
				{ now }
			)
		);
	});

	it('staff scan a member card (token or whole URL); a bad card or a villager is refused', () => {
		const w = signedUpWorld({ signupRequired: false });
		const cards = listMemberCards(w.committee);
		const card = cards.find((c) => c.memberId === w.neighbour.head.id)!;
		expect(card.token).toMatch(/^[a-z2-7]{16}$/);
		// Printing again keeps the same tokens.
		expect(listMemberCards(w.committee).find((c) => c.memberId === card.memberId)!.token).toBe(
			card.token
		);
		const now = at(0);
		const r = checkIn(
			w.committee,
			{
				method: 'card',
				eventId: w.ev.id,
				card: `https://x.example/events/${w.ev.id}/card?c=${card.token}`
			},
			{ now }
		);
		expect(r.outcomes[0]).toMatchObject({ memberId: w.neighbour.head.id, name: '李大明' });
		refused('member_card_invalid', () =>
			checkIn(w.committee, { method: 'card', eventId: w.ev.id, card: 'aaaaaaaaaaaaaaaa' }, { now })
		);
		refused('forbidden', () =>
			checkIn(w.home.viewer, { method: 'card', eventId: w.ev.id, card: card.token }, { now })
		);
		refused('forbidden', () => listMemberCards(w.home.viewer));
	});

	it('a leader ticks names on the roster; one not signed up stops the batch with their name', () => {
		const w = signedUpWorld();
		signUp(w.home.viewer, { eventId: w.ev.id, memberId: w.elder.id }, { now: at(-50) });
		const now = at(5);
		const e = refused('checkin_not_signed_up', () =>
			checkIn(
				w.committee,
				{ method: 'roster', eventId: w.ev.id, memberIds: [w.elder.id, w.neighbour.head.id] },
				{ now }
			)
		);
		expect(e.userMessage()).toContain('李大明');
		expect(checkinRows(w.ev.id)).toHaveLength(0);
		const r = checkIn(
			w.committee,
			{ method: 'roster', eventId: w.ev.id, memberIds: [w.elder.id, w.home.head.id] },
			{ now }
		);
		expect(r.count).toBe(2);
		const roster = getRoster(w.committee, w.ev.id);
		expect(roster.map((row) => [row.name, row.method])).toEqual([
			['张小安', 'roster'],
			['张老汉', 'roster']
		]);
		refused('forbidden', () => getRoster(w.home.viewer, w.ev.id));
		refused('forbidden', () =>
			checkIn(
				w.leader,
				{ method: 'roster', eventId: w.ev.id, memberIds: [w.home.head.id] },
				{ now }
			)
		);
	});

	it('a team leader runs the roster of a team event, not of the committee’s', () => {
		const w = makeEventWorld();
		const team = db
			.insert(volunteerTeams)
			.values({ villageId: w.village.id, name: '文艺队', type: '文艺' })
			.returning()
			.get();
		refused('validation', () => w.event({ teamId: team.id + 1000 }, w.teamLeader));
		const teamEvent = w.event({ teamId: team.id, signupRequired: false }, w.teamLeader);
		expect(teamEvent.organiser).toBe('team');
		refused('validation', () => w.event({}, w.teamLeader));
		const committeeEvent = w.event({ signupRequired: false });
		const now = at(0);
		const ok = checkIn(
			w.teamLeader,
			{ method: 'roster', eventId: teamEvent.id, memberIds: [w.home.head.id] },
			{ now }
		);
		expect(ok.count).toBe(1);
		refused('forbidden', () =>
			checkIn(
				w.teamLeader,
				{ method: 'roster', eventId: committeeEvent.id, memberIds: [w.home.head.id] },
				{ now }
			)
		);
	});
});

describe('attendance points', () => {
	const entriesOf = (householdId: number) =>
		db
			.select()
			.from(ledgerEntries)
			.where(
				and(eq(ledgerEntries.householdId, householdId), eq(ledgerEntries.sourceType, 'checkin'))
			)
			.all();

	it('credit mode: credited once at check-in, however often it is retried', () => {
		const w = signedUpWorld();
		setEventSettings(w.committee, { attendancePoints: 'credit' });
		const r = w.qr(at(0));
		expect(r.outcomes[0]!.points).toEqual({ via: 'credit', entryId: expect.any(Number) });
		w.qr(at(1));
		checkIn(
			w.committee,
			{ method: 'roster', eventId: w.ev.id, memberIds: [w.home.head.id] },
			{ now: at(2) }
		);
		const entries = entriesOf(w.home.household.id);
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({ points: 5, kind: 'earn', memberId: w.home.head.id });
		const balance = db
			.select({ balance: households.balance })
			.from(households)
			.where(eq(households.id, w.home.household.id))
			.get()!.balance;
		expect(balance).toBe(5);
	});

	it('slip mode (the default): one deposit slip into the normal review, nothing credited yet', () => {
		const w = signedUpWorld();
		const r = w.qr(at(0));
		w.qr(at(1));
		const slips = db
			.select()
			.from(depositSlips)
			.where(eq(depositSlips.householdId, w.home.household.id))
			.all();
		expect(slips).toHaveLength(1);
		expect(r.outcomes[0]!.points).toEqual({ via: 'slip', slipId: slips[0]!.id });
		expect(slips[0]).toMatchObject({
			memberId: w.home.head.id,
			points: 5,
			// Under two-level review the check-in stands for the 十户长's first check.
			status: w.village.twoLevelReview ? 'checked' : 'reported',
			reportedVia: 'committee',
			note: '重阳饺子宴'
		});
		expect(entriesOf(w.home.household.id)).toHaveLength(0);
	});

	it('no rule, no points', () => {
		const w = signedUpWorld({ attendanceRuleId: '' });
		expect(w.qr(at(0)).outcomes[0]!.points).toBeNull();
	});

	it('refuses an attendance rule that deducts', () => {
		const w = makeEventWorld();
		refused('validation', () => w.event({ attendanceRuleId: w.rules.litter.id }));
	});
});

describe('privacy of what check-in publishes', () => {
	it('the village and event rooms get a masked name and the count, nothing else', () => {
		const w = signedUpWorld();
		w.qr(at(0));
		const rows = db
			.select()
			.from(feedEvents)
			.where(eq(feedEvents.villageId, w.village.id))
			.all()
			.filter((r) => r.type === 'checked_in' || r.type === 'event_attendance');
		expect(rows.map((r) => [r.room, r.type, r.payload])).toEqual([
			[`event:${w.ev.id}`, 'event_attendance', { eventId: w.ev.id, memberName: '张*安', count: 1 }],
			[
				`village:${w.village.id}`,
				'checked_in',
				{ eventId: w.ev.id, title: '重阳饺子宴', memberName: '张*安', count: 1 }
			]
		]);
		const page = getEvent(w.ev.id);
		expect(page.recentCheckins).toEqual([{ memberName: '张*安', at: at(0).toISOString() }]);
		expect(JSON.stringify(page)).not.toContain('张小安');
		expect(JSON.stringify(page)).not.toContain(w.ev.qrSecret);
	});
});
