import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { plaqueEndpoint } from '$lib/server/api/endpoints/honour';
import { loadViewer, type Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { feedEvents, households, villages, type Village } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { getPlaque } from '$lib/server/honour/get-plaque';
import { listPlaques } from '$lib/server/honour/list-plaques';
import { publicChainHead } from '$lib/server/ledger/public-chain-head';
import { addRule } from '$lib/server/rules/add-rule';
import { createDraft } from '$lib/server/rules/create-draft';
import { publishDraft } from '$lib/server/rules/publish-draft';
import { makeFamily, makeTenGroup, makeUser, makeVillage } from '../factories';
import { callEndpoint } from './api-helpers';
import { post } from './ledger-helpers';

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
let groupId: number;
let mine: { id: number; token: string };
let committee: Viewer;

function household(name: string, n: number, points: number) {
	const { household } = makeFamily(
		{ villageId: village.id, tenGroupId: groupId },
		{ name, phone: `1380013${String(n).padStart(4, '0')}`, idNumber: `3301021960010${n}123` }
	);
	db.update(households)
		.set({ address: `红旗路${n}号` })
		.where(eq(households.id, household.id))
		.run();
	if (points) post({ villageId: village.id, householdId: household.id, points, at: NOW });
	return { id: household.id, token: household.plaqueToken!, number: household.number };
}

beforeEach(() => {
	village = makeVillage({ name: '柳树村' });
	groupId = makeTenGroup({ villageId: village.id, name: '第三联组' }).id;
	household('李大明', 1, 30);
	household('王秀英', 2, 30);
	mine = household('张小安', 3, 12);
	committee = loadViewer(makeUser({ villageId: village.id, roles: ['committee'] }));
});

describe('the door plaque page', () => {
	it('shows the masked head, 户号, group and this year’s standing to anyone', () => {
		const plaque = getPlaque(null, mine.token, NOW);
		const number = db
			.select({ n: households.number })
			.from(households)
			.where(eq(households.id, mine.id))
			.get()!.n;
		expect(plaque).toEqual({
			village: { id: village.id, name: '柳树村', code: village.code, town: village.town },
			household: { number, name: '张*安', group: '第三联组' },
			year: '2026',
			points: 12,
			rank: 3,
			standing: 'top'
		});
	});

	it('counts this year only, and a household without points is welcomed', () => {
		post({
			villageId: village.id,
			householdId: mine.id,
			points: 40,
			at: new Date('2025-12-31T15:00:00Z')
		});
		expect(getPlaque(null, mine.token, NOW)).toMatchObject({ points: 12, rank: 3 });
		const fresh = household('赵四', 4, 0);
		expect(getPlaque(null, fresh.token, NOW)).toMatchObject({
			points: 0,
			rank: null,
			standing: 'welcome'
		});
	});

	it('has no rank where the village has switched rankings off', () => {
		db.update(villages).set({ showRankings: false }).where(eq(villages.id, village.id)).run();
		expect(getPlaque(null, mine.token, NOW)).toMatchObject({
			points: 12,
			rank: null,
			standing: 'good'
		});
	});

	it('is not found for an unknown, malformed or retired token', () => {
		expect(codeOf(() => getPlaque(null, 'abcdefghijklmnop', NOW))).toBe('not_found');
		expect(codeOf(() => getPlaque(null, '../../etc', NOW))).toBe('not_found');
		expect(codeOf(() => getPlaque(null, '', NOW))).toBe('not_found');
		db.update(households).set({ active: false }).where(eq(households.id, mine.id)).run();
		expect(codeOf(() => getPlaque(null, mine.token, NOW))).toBe('not_found');
	});

	it('carries nothing private', () => {
		const json = JSON.stringify(getPlaque(null, mine.token, NOW));
		for (const secret of [
			'张小安',
			'1380013',
			'330102',
			'红旗路',
			'phone',
			'idNumber',
			'balance'
		]) {
			expect(json).not.toContain(secret);
		}
		expect(json).not.toContain(mine.token);
	});

	it('is served by GET /api/v1/plaques/{token} without login', async () => {
		const ok = await callEndpoint(plaqueEndpoint, { params: { token: mine.token } });
		expect(ok.status).toBe(200);
		expect(ok.body.household.name).toBe('张*安');
		expect(JSON.stringify(ok.body)).not.toContain('张小安');
		const missing = await callEndpoint(plaqueEndpoint, { params: { token: 'zzzzzzzzzzzzzzzz' } });
		expect(missing.status).toBe(404);
	});
});

describe('printing plaques', () => {
	it('gives the committee one plaque per active household, by group if asked', () => {
		const other = makeTenGroup({ villageId: village.id, name: '第四联组' }).id;
		const { household: elsewhere } = makeFamily({ villageId: village.id, tenGroupId: other });
		const retired = household('钱多多', 5, 0);
		db.update(households).set({ active: false }).where(eq(households.id, retired.id)).run();

		const all = listPlaques(committee);
		expect(all.village).toEqual({ id: village.id, name: '柳树村', code: village.code });
		expect(all.plaques.map((p) => p.token).sort()).toEqual(
			db
				.select({ t: households.plaqueToken })
				.from(households)
				.where(and(eq(households.villageId, village.id), eq(households.active, true)))
				.all()
				.map((r) => r.t)
				.sort()
		);
		expect(all.plaques.map((p) => p.token)).not.toContain(retired.token);
		expect(all.plaques.find((p) => p.token === mine.token)).toMatchObject({
			name: '张*安',
			group: '第三联组'
		});

		const fourth = listPlaques(committee, { group: other });
		expect(fourth.group).toEqual({ id: other, name: '第四联组' });
		expect(fourth.plaques.map((p) => p.token)).toEqual([elsewhere.plaqueToken]);
	});

	it('is for the committee of the village only', () => {
		const villager = loadViewer(
			makeUser({ memberId: makeFamily({ villageId: village.id }).head.id })
		);
		expect(villager.roles).toContain('villager');
		expect(codeOf(() => listPlaques(villager))).toBe('forbidden');
		const shopkeeper = loadViewer(makeUser({ villageId: village.id, roles: ['shopkeeper'] }));
		expect(codeOf(() => listPlaques(shopkeeper))).toBe('forbidden');
		expect(codeOf(() => listPlaques(null))).toBe('unauthenticated');
		const stranger = makeVillage();
		const theirGroup = makeTenGroup({ villageId: stranger.id }).id;
		expect(codeOf(() => listPlaques(committee, { group: theirGroup }))).toBe('not_found');
	});
});

describe('the notice board’s chain head', () => {
	it('is the newest entry with its time, or the genesis before any entry', () => {
		const head = publicChainHead(village.id);
		expect(head).toMatchObject({ seq: 3, at: NOW.toISOString() });
		expect(head.hash).toMatch(/^[0-9a-f]{64}$/);
		expect(publicChainHead(makeVillage().id)).toEqual({ seq: 0, hash: '0'.repeat(64), at: null });
	});
});

describe('publishing a rule book', () => {
	it('tells the village room, with the version and who adopted it', () => {
		const draft = createDraft(committee);
		addRule(committee, draft.id, { category: '孝老爱亲', name: '照顾老人', points: 5 });
		const version = publishDraft(committee, draft.id, {
			adoptedBy: '村民代表会议',
			adoptedOn: '2026-03-15'
		});
		const rows = db
			.select({ room: feedEvents.room, type: feedEvents.type, payload: feedEvents.payload })
			.from(feedEvents)
			.where(and(eq(feedEvents.villageId, village.id), eq(feedEvents.type, 'rules_published')))
			.all();
		expect(rows).toEqual([
			{
				room: `village:${village.id}`,
				type: 'rules_published',
				payload: { version: version.number, adoptedBy: '村民代表会议' }
			}
		]);
	});

	it('writes nothing to the feed when publishing is refused', () => {
		const draft = createDraft(committee);
		expect(codeOf(() => publishDraft(committee, draft.id, { adoptedBy: '村民代表会议' }))).toBe(
			'rule_book_incomplete'
		);
		expect(
			db
				.select()
				.from(feedEvents)
				.where(and(eq(feedEvents.villageId, village.id), eq(feedEvents.type, 'rules_published')))
				.all()
		).toEqual([]);
	});
});
