import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { MASKED_NAME } from '$lib/realtime/mask';
import { screenEndpoint } from '$lib/server/api/endpoints/screen';
import { db } from '$lib/server/db';
import { members, villages } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { checkIn } from '$lib/server/events/check-in';
import { getScreen, SCREEN_CHECKINS } from '$lib/server/screen/get-screen';
import { approveSlip } from '$lib/server/slips/approve-slip';
import { reportSlip } from '$lib/server/slips/report-slip';
import { makeFamily, makeMember } from '../factories';
import { callEndpoint } from './api-helpers';
import { post } from './ledger-helpers';
import { at, makeEventWorld, T0 } from './events-helpers';

/** T0 is 09:00 on 2026-06-06 in the village (01:00 UTC). */
const iso = (s: string) => new Date(s).toISOString();

function codeOf(fn: () => unknown): string | undefined {
	try {
		fn();
	} catch (e) {
		return e instanceof DomainError ? e.code : String(e);
	}
	return undefined;
}

/**
 * A village with private details everywhere (phones, ID numbers, care tags, 低保), today's event
 * with check-ins, events just outside today in village time, a slip on the notice board and
 * points this month.
 */
function screenWorld() {
	const w = makeEventWorld();
	db.update(members)
		.set({
			phone: '13912345678',
			idNumber: '110101195001011234',
			careTags: ['独居', '高龄'],
			assistance: 'dibao'
		})
		.where(eq(members.villageId, w.village.id))
		.run();
	const today = w.event({ title: '今天的饺子宴', signupRequired: false });
	// 01:00 on the 6th in the village, although still the 5th in UTC: today.
	const early = w.event({
		title: '早起太极',
		signupRequired: false,
		startsAt: iso('2026-06-05T17:00:00Z'),
		endsAt: iso('2026-06-05T18:00:00Z'),
		checkInOpensAt: iso('2026-06-05T16:30:00Z'),
		checkInClosesAt: iso('2026-06-05T18:00:00Z')
	});
	// 23:00 on the 5th in the village: yesterday.
	const yesterday = w.event({
		title: '昨晚的电影',
		startsAt: iso('2026-06-05T15:00:00Z'),
		endsAt: iso('2026-06-05T15:30:00Z'),
		checkInOpensAt: iso('2026-06-05T14:30:00Z'),
		checkInClosesAt: iso('2026-06-05T15:30:00Z')
	});
	// 00:30 on the 7th in the village, although still the 6th in UTC: tomorrow.
	const tomorrow = w.event({
		title: '明天的运动会',
		startsAt: iso('2026-06-06T16:30:00Z'),
		endsAt: iso('2026-06-06T18:00:00Z'),
		checkInOpensAt: iso('2026-06-06T16:00:00Z'),
		checkInClosesAt: iso('2026-06-06T18:00:00Z')
	});
	return { ...w, today, early, yesterday, tomorrow };
}

describe('getScreen', () => {
	it('shows only today’s events in village time, with their head counts', () => {
		const w = screenWorld();
		checkIn(
			w.committee,
			{ method: 'roster', eventId: w.today.id, memberIds: [w.home.head.id] },
			{
				now: at(5)
			}
		);
		const s = getScreen(null, { code: w.village.code }, T0);
		expect(s.today).toBe('2026-06-06');
		expect(s.events.map((e) => e.title)).toEqual(['早起太极', '今天的饺子宴']);
		expect(s.events.find((e) => e.id === w.today.id)?.checkedIn).toBe(1);
		// The same instant, an hour before the village's midnight: the 5th's evening event only.
		const evening = getScreen(null, { code: w.village.code }, new Date('2026-06-05T15:10:00Z'));
		expect(evening.today).toBe('2026-06-05');
		expect(evening.events.map((e) => e.title)).toEqual(['昨晚的电影']);
	});

	it('lists today’s check-ins newest first with masked names, and the feed ids to go on from', () => {
		const w = screenWorld();
		const extra = Array.from({ length: SCREEN_CHECKINS + 2 }, (_, i) =>
			makeMember({
				householdId: w.neighbour.household.id,
				name: `欧阳小${'甲乙丙丁戊己庚辛壬癸子丑寅卯'[i]}`
			})
		);
		extra.forEach((mem, i) =>
			checkIn(
				w.committee,
				{ method: 'roster', eventId: w.today.id, memberIds: [mem.id] },
				{
					now: at(i + 1)
				}
			)
		);
		checkIn(
			w.committee,
			{ method: 'roster', eventId: w.today.id, memberIds: [w.home.head.id] },
			{
				now: at(30)
			}
		);
		const s = getScreen(null, { id: w.village.id }, at(31));
		expect(s.checkins).toHaveLength(SCREEN_CHECKINS);
		expect(s.checkins[0]).toMatchObject({ memberName: '张*安', title: '今天的饺子宴' });
		expect(s.checkins[1]!.memberName).toBe('欧**卯');
		for (const c of s.checkins) expect(c.memberName).toMatch(MASKED_NAME);
		expect(s.events.find((e) => e.id === w.today.id)?.checkedIn).toBe(SCREEN_CHECKINS + 3);
		// The ids end where the feed does: the last check-in wrote both rooms' newest rows.
		expect(s.feed.village.room).toBe(`village:${w.village.id}`);
		expect(s.feed.village.lastId).toBeGreaterThan(0);
		const todayRoom = s.feed.events.find((r) => r.room === `event:${w.today.id}`);
		expect(todayRoom?.lastId).toBe(s.feed.village.lastId - 1);
		// Yesterday's check-ins are not today's.
		expect(
			getScreen(null, { id: w.village.id }, new Date('2026-06-07T01:00:00Z')).checkins
		).toEqual([]);
	});

	it('shows the month’s top ten and masked notices, and nothing private anywhere', async () => {
		const w = screenWorld();
		checkIn(
			w.committee,
			{ method: 'roster', eventId: w.today.id, memberIds: [w.home.head.id] },
			{
				now: at(5)
			}
		);
		post({ villageId: w.village.id, householdId: w.home.household.id, points: 70, at: at(-60) });
		// Eleven more households with fewer points: the screen has room for ten.
		for (let i = 1; i <= 11; i++) {
			const f = makeFamily({ villageId: w.village.id, tenGroupId: null }, { name: `孙${i}号` });
			post({ villageId: w.village.id, householdId: f.household.id, points: i, at: at(-60) });
		}
		const slip = reportSlip(w.leader, {
			memberId: w.neighbour.head.id,
			ruleId: w.rules.help.id,
			occurredOn: '2026-06-05'
		});
		approveSlip(w.committee, slip.id, at(-10));

		const s = getScreen(null, { id: w.village.id }, T0);
		expect(s.honour).not.toBeNull();
		expect(s.honour!.households[0]).toMatchObject({ rank: 1, name: '张*安', points: 70 });
		expect(s.honour!.households).toHaveLength(10);
		expect(s.honour!.households[9]).toMatchObject({ rank: 10, points: 3 });
		expect(s.notices).toEqual([
			expect.objectContaining({ memberName: '李*明', ruleName: '帮扶邻里', points: 5 })
		]);

		// The API answers with the same composition (on the real clock, so June's data isn't today).
		const { status, body } = await callEndpoint(screenEndpoint, {
			params: { id: String(w.village.id) }
		});
		expect(status).toBe(200);
		expect(body).toMatchObject({ village: { id: w.village.id }, honour: { households: [] } });
		const json = JSON.stringify(s);
		expect(json).toContain('张*安');
		for (const secret of ['13912345678', '110101195001011234', '独居', '高龄', 'dibao', '低保']) {
			expect(json).not.toContain(secret);
		}
		for (const name of ['张小安', '李大明', '赵主任', '王组长']) expect(json).not.toContain(name);
		expect(json).not.toMatch(/1[3-9]\d{9}/);
		expect(json).not.toMatch(/\d{17}[\dXx]/);
	});

	it('leaves the honour panel out when the village has switched rankings off', async () => {
		const w = screenWorld();
		db.update(villages).set({ showRankings: false }).where(eq(villages.id, w.village.id)).run();
		expect(getScreen(null, { code: w.village.code }, T0).honour).toBeNull();
		const { status, body } = await callEndpoint(screenEndpoint, {
			params: { id: String(w.village.id) }
		});
		expect(status).toBe(200);
		expect((body as { honour: unknown }).honour).toBeNull();
	});

	it('answers an unknown or inactive village with 404', async () => {
		const w = screenWorld();
		expect(codeOf(() => getScreen(null, { code: 'no-such-village' }, T0))).toBe('not_found');
		db.update(villages).set({ active: false }).where(eq(villages.id, w.village.id)).run();
		expect(codeOf(() => getScreen(null, { code: w.village.code }, T0))).toBe('not_found');
		const { status } = await callEndpoint(screenEndpoint, { params: { id: '999999' } });
		expect(status).toBe(404);
	});
});
