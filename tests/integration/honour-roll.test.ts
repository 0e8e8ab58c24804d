import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { MASKED_NAME } from '$lib/realtime/mask';
import { honourRollEndpoint } from '$lib/server/api/endpoints/honour';
import { loadViewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { households, tenGroups, villages, type Village } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { getHonourRoll, HONOUR_TOP } from '$lib/server/honour/get-honour-roll';
import { periodBounds } from '$lib/server/honour/period';
import { makeFamily, makeTenGroup, makeUser, makeVillage } from '../factories';
import { callEndpoint } from './api-helpers';
import { expectLedgerInvariants, post } from './ledger-helpers';

/** Mid-June 2026, noon in the village (04:00 UTC). */
const NOW = new Date('2026-06-15T04:00:00Z');
const codeOf = (fn: () => unknown) => {
	try {
		fn();
	} catch (e) {
		return e instanceof DomainError ? e.code : String(e);
	}
	return undefined;
};

let village: Village;
let groupA: number;
let groupB: number;
/** Households by head name, with everything private filled in so leaks would show. */
let fam: Record<string, { householdId: number; headId: number }>;

function family(name: string, tenGroupId: number | null, n: number) {
	const { household, head } = makeFamily(
		{ villageId: village.id, tenGroupId },
		{ name, phone: `1390000${String(n).padStart(4, '0')}`, idNumber: `11010119500101${n}00X` }
	);
	db.update(households)
		.set({ address: `幸福路${n}号`, number: `HN-${n}` })
		.where(eq(households.id, household.id))
		.run();
	fam[name] = { householdId: household.id, headId: head.id };
}

const earn = (name: string, points: number, at: Date = NOW) =>
	post({ villageId: village.id, householdId: fam[name]!.householdId, points, at });

beforeEach(() => {
	village = makeVillage();
	groupA = makeTenGroup({ villageId: village.id, name: '第一联组' }).id;
	groupB = makeTenGroup({ villageId: village.id, name: '第二联组' }).id;
	fam = {};
	family('张小安', groupA, 1);
	family('李大明', groupA, 2);
	family('王秀英', groupB, 3);
	family('欧阳小娜', groupB, 4);
	family('赵四', null, 5);
});

describe('periods in village time', () => {
	it('starts a month and a year at midnight in Beijing time', () => {
		expect(periodBounds('month', NOW)).toEqual({
			from: new Date('2026-05-31T16:00:00Z'),
			to: new Date('2026-06-30T16:00:00Z'),
			label: '2026-06'
		});
		expect(periodBounds('year', NOW)).toEqual({
			from: new Date('2025-12-31T16:00:00Z'),
			to: new Date('2026-12-31T16:00:00Z'),
			label: '2026'
		});
		// 31 Dec 20:00 UTC is already 1 January in the village.
		const newYear = new Date('2026-12-31T20:00:00Z');
		expect(periodBounds('month', newYear).label).toBe('2027-01');
		expect(periodBounds('month', new Date('2026-12-15T00:00:00Z')).to).toEqual(
			new Date('2026-12-31T16:00:00Z')
		);
	});

	it('counts an entry by its village-time date, month and year apart', () => {
		earn('张小安', 5, new Date('2026-05-31T16:30:00Z')); // 1 June 00:30 in the village
		earn('李大明', 7, new Date('2026-05-31T15:30:00Z')); // 31 May 23:30
		earn('王秀英', 11, new Date('2025-12-31T16:30:00Z')); // 1 January 2026 00:30
		earn('欧阳小娜', 13, new Date('2025-12-31T15:00:00Z')); // 31 December 2025 23:00
		earn('赵四', 17, new Date('2026-07-01T00:00:00Z')); // July: after "now"'s month

		const month = getHonourRoll(null, { id: village.id }, { period: 'month' }, NOW);
		expect(month.periodLabel).toBe('2026-06');
		expect(month.households).toEqual([{ rank: 1, name: '张*安', group: '第一联组', points: 5 }]);

		const year = getHonourRoll(null, { id: village.id }, { period: 'year' }, NOW);
		expect(year.periodLabel).toBe('2026');
		expect(year.households.map((h) => [h.name, h.points])).toEqual([
			['赵*', 17],
			['王*英', 11],
			['李*明', 7],
			['张*安', 5]
		]);
		expectLedgerInvariants();
	});
});

describe('the honour roll', () => {
	it('ranks by the points of deeds, ties sharing a rank, never listing nothing or less', () => {
		earn('张小安', 10);
		earn('李大明', 10);
		earn('王秀英', 8);
		earn('欧阳小娜', 3);
		earn('欧阳小娜', -5); // a deduction: −2 in total, not on a roll of honour
		const roll = getHonourRoll(null, { code: village.code }, {}, NOW);
		expect(roll).toMatchObject({ enabled: true, period: 'month', group: null, ranked: 3 });
		expect(roll.households).toEqual([
			{ rank: 1, name: '张*安', group: '第一联组', points: 10 },
			{ rank: 1, name: '李*明', group: '第一联组', points: 10 },
			{ rank: 3, name: '王*英', group: '第二联组', points: 8 }
		]);
	});

	it('leaves out spending, refunds, expiry and opening balances, and follows corrections', () => {
		earn('张小安', 20);
		post({
			villageId: village.id,
			householdId: fam['张小安']!.householdId,
			kind: 'redeem',
			points: -15,
			at: NOW
		});
		post({
			villageId: village.id,
			householdId: fam['张小安']!.householdId,
			kind: 'refund',
			points: 5,
			at: NOW
		});
		post({
			villageId: village.id,
			householdId: fam['张小安']!.householdId,
			kind: 'expire',
			points: -2,
			at: NOW
		});
		const wrong = earn('李大明', 9).entry;
		post({
			villageId: village.id,
			householdId: fam['李大明']!.householdId,
			kind: 'correct',
			points: -9,
			source: { type: 'entry', id: wrong.id },
			at: NOW
		});
		earn('李大明', 4);
		// Carried over from the paper passbook: earned before the village went digital.
		post({
			villageId: village.id,
			householdId: fam['王秀英']!.householdId,
			points: 300,
			source: { type: 'opening_balance', id: fam['王秀英']!.householdId },
			at: NOW
		});
		const roll = getHonourRoll(null, { id: village.id }, {}, NOW);
		expect(roll.households.map((h) => [h.name, h.points])).toEqual([
			['张*安', 20],
			['李*明', 4]
		]);
		expectLedgerInvariants();
	});

	it('ranks the ten-household groups and, for a chosen group, its households', () => {
		earn('张小安', 6);
		earn('李大明', 2);
		earn('王秀英', 9);
		earn('欧阳小娜', 4);
		earn('赵四', 50); // no group: on the village roll, in no group's total
		const roll = getHonourRoll(null, { id: village.id }, {}, NOW);
		expect(roll.groups).toEqual([
			{ id: groupB, name: '第二联组', rank: 1, points: 13, households: 2 },
			{ id: groupA, name: '第一联组', rank: 2, points: 8, households: 2 }
		]);
		expect(roll.households[0]).toEqual({ rank: 1, name: '赵*', group: null, points: 50 });

		const b = getHonourRoll(null, { id: village.id }, { group: groupB }, NOW);
		expect(b.group).toEqual({ id: groupB, name: '第二联组' });
		expect(b.households).toEqual([
			{ rank: 1, name: '王*英', group: '第二联组', points: 9 },
			{ rank: 2, name: '欧**娜', group: '第二联组', points: 4 }
		]);
		expect(b.groups).toEqual(roll.groups);
	});

	it('leaves out inactive households and deactivated groups', () => {
		earn('张小安', 6);
		earn('王秀英', 9);
		db.update(households)
			.set({ active: false })
			.where(eq(households.id, fam['王秀英']!.householdId))
			.run();
		db.update(tenGroups).set({ active: false }).where(eq(tenGroups.id, groupA)).run();
		const roll = getHonourRoll(null, { id: village.id }, {}, NOW);
		expect(roll.households).toEqual([{ rank: 1, name: '张*安', group: null, points: 6 }]);
		expect(roll.groups).toEqual([
			{ id: groupB, name: '第二联组', rank: 1, points: 0, households: 1 }
		]);
		expect(codeOf(() => getHonourRoll(null, { id: village.id }, { group: groupA }, NOW))).toBe(
			'not_found'
		);
	});

	it('never mixes in another village', () => {
		const other = makeVillage();
		const theirGroup = makeTenGroup({ villageId: other.id, name: '第一联组' }).id;
		const theirs = makeFamily({ villageId: other.id, tenGroupId: theirGroup }, { name: '钱多多' });
		post({ villageId: other.id, householdId: theirs.household.id, points: 99, at: NOW });
		earn('张小安', 1);
		const roll = getHonourRoll(null, { id: village.id }, {}, NOW);
		expect(roll.households).toEqual([{ rank: 1, name: '张*安', group: '第一联组', points: 1 }]);
		expect(roll.groups.map((g) => g.id).sort()).toEqual([groupA, groupB].sort());
		// Their group can't be chosen on our roll.
		expect(codeOf(() => getHonourRoll(null, { id: village.id }, { group: theirGroup }, NOW))).toBe(
			'not_found'
		);
		expect(getHonourRoll(null, { id: other.id }, {}, NOW).households).toEqual([
			{ rank: 1, name: '钱*多', group: '第一联组', points: 99 }
		]);
	});

	it('lists the first HONOUR_TOP households and says how many have points', () => {
		for (let i = 0; i < HONOUR_TOP + 2; i++) {
			const { household } = makeFamily({ villageId: village.id }, { name: `村民甲${i}` });
			post({ villageId: village.id, householdId: household.id, points: i + 1, at: NOW });
		}
		const roll = getHonourRoll(null, { id: village.id }, {}, NOW);
		expect(roll.ranked).toBe(HONOUR_TOP + 2);
		expect(roll.households).toHaveLength(HONOUR_TOP);
		expect(roll.households[0]).toMatchObject({ rank: 1, points: HONOUR_TOP + 2 });
	});

	it('is empty and says so when the village has switched rankings off', () => {
		earn('张小安', 6);
		db.update(villages).set({ showRankings: false }).where(eq(villages.id, village.id)).run();
		const roll = getHonourRoll(null, { id: village.id }, { period: 'year' }, NOW);
		expect(roll).toMatchObject({
			enabled: false,
			period: 'year',
			group: null,
			groups: [],
			households: [],
			ranked: 0
		});
		// With rankings off there is no group to choose either; the answer is the same.
		expect(getHonourRoll(null, { id: village.id }, { group: groupA }, NOW).enabled).toBe(false);
	});

	it('shows masked names and nothing private, to anyone', () => {
		earn('张小安', 6);
		earn('欧阳小娜', 3);
		earn('赵四', 1);
		const other = makeVillage();
		const stranger = loadViewer(makeUser({ villageId: other.id, roles: ['committee'] }));
		const roll = getHonourRoll(stranger, { id: village.id }, {}, NOW);
		expect(roll.households).toHaveLength(3);
		for (const h of roll.households) expect(h.name).toMatch(MASKED_NAME);
		const json = JSON.stringify(roll);
		for (const secret of ['张小安', '欧阳小娜', '赵四', '1390000', '110101', '幸福路', 'HN-']) {
			expect(json).not.toContain(secret);
		}
		expect(Object.keys(roll.households[0]!).sort()).toEqual(['group', 'name', 'points', 'rank']);
	});

	it('is not found for an unknown or inactive village', () => {
		expect(codeOf(() => getHonourRoll(null, { code: 'no-such-village' }, {}, NOW))).toBe(
			'not_found'
		);
		db.update(villages).set({ active: false }).where(eq(villages.id, village.id)).run();
		expect(codeOf(() => getHonourRoll(null, { id: village.id }, {}, NOW))).toBe('not_found');
	});
});

describe('GET /api/v1/villages/{id}/honour', () => {
	it('answers anyone with the roll', async () => {
		earn('张小安', 6, new Date());
		const res = await callEndpoint(honourRollEndpoint, {
			params: { id: String(village.id) },
			query: { period: 'year' }
		});
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ enabled: true, period: 'year' });
		expect(res.body.households).toEqual([{ rank: 1, name: '张*安', group: '第一联组', points: 6 }]);
		expect(JSON.stringify(res.body)).not.toContain('张小安');

		const grouped = await callEndpoint(honourRollEndpoint, {
			params: { id: String(village.id) },
			query: { group: String(groupA) }
		});
		expect(grouped.status).toBe(200);
		expect(grouped.body.group).toEqual({ id: groupA, name: '第一联组' });
	});

	it('says enabled: false when rankings are off', async () => {
		db.update(villages).set({ showRankings: false }).where(eq(villages.id, village.id)).run();
		const res = await callEndpoint(honourRollEndpoint, { params: { id: String(village.id) } });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ enabled: false, households: [], groups: [] });
	});

	it('refuses a bad period and answers 404 for an unknown village or group', async () => {
		const bad = await callEndpoint(honourRollEndpoint, {
			params: { id: String(village.id) },
			query: { period: 'week' }
		});
		expect(bad.status).toBe(400);
		const missing = await callEndpoint(honourRollEndpoint, { params: { id: '999999' } });
		expect(missing.status).toBe(404);
		const noGroup = await callEndpoint(honourRollEndpoint, {
			params: { id: String(village.id) },
			query: { group: '999999' }
		});
		expect(noGroup.status).toBe(404);
	});
});
