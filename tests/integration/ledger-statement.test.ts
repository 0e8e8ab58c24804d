import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as api from '$lib/server/api/endpoints/ledger';
import { loadViewer, type Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { tenGroups, type Household, type Member, type Village } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { correctEntry } from '$lib/server/ledger/correct-entry';
import { exportStatement } from '$lib/server/ledger/export-statement';
import { fullStatement } from '$lib/server/ledger/full-statement';
import { getStatement } from '$lib/server/ledger/get-statement';
import { listVillageEntries } from '$lib/server/ledger/list-village-entries';
import { addRule } from '$lib/server/rules/add-rule';
import { createDraft } from '$lib/server/rules/create-draft';
import { publishDraft } from '$lib/server/rules/publish-draft';
import { eq } from 'drizzle-orm';
import { makeFamily, makeMember, makeTenGroup, makeUser, makeVillage } from '../factories';
import { callEndpoint } from './api-helpers';
import { expectLedgerInvariants, post } from './ledger-helpers';

let village: Village;
let committee: Viewer;
let household: Household;
let head: Member;
let daughter: Member;
let groupId: number;

const codeOf = (fn: () => unknown) => {
	try {
		fn();
	} catch (e) {
		return (e as DomainError).code;
	}
	return 'allowed';
};

beforeEach(() => {
	village = makeVillage();
	committee = loadViewer(makeUser({ villageId: village.id, roles: ['committee'] }));
	groupId = makeTenGroup({ villageId: village.id }).id;
	({ household, head } = makeFamily(
		{ villageId: village.id, tenGroupId: groupId },
		{ name: '刘建国' }
	));
	daughter = makeMember({ householdId: household.id, name: '刘晓雨' });
});
afterEach(() => expectLedgerInvariants());

/** A month of history: a published rule book and entries of every kind. */
function history() {
	const draft = createDraft(committee);
	const volunteer = addRule(committee, draft.id, {
		category: '志愿服务',
		name: '志愿服务',
		points: 5
	});
	addRule(committee, draft.id, { category: '环境卫生', name: '乱倒垃圾', points: -5 });
	const book = publishDraft(committee, draft.id, {
		adoptedBy: '村民代表会议',
		adoptedOn: '2026-03-15'
	});
	const cite = { ruleId: volunteer.id, ruleVersionId: book.id };
	const v = village.id;
	const h = household.id;
	const e1 = post({
		villageId: v,
		householdId: h,
		points: 100,
		source: { type: 'opening_balance', id: h }
	});
	const e2 = post({ villageId: v, householdId: h, memberId: head.id, points: 5, rule: cite });
	const e3 = post({ villageId: v, householdId: h, memberId: daughter.id, points: 5, rule: cite });
	const e4 = post({ villageId: v, householdId: h, kind: 'redeem', points: -60 });
	const fix = correctEntry(committee, e3.entry.id, { reason: '重复登记' });
	return { e1: e1.entry, e2: e2.entry, e3: e3.entry, e4: e4.entry, fix };
}

describe('a household statement', () => {
	it('shows balance, earned to date, totals, who earned what and a running balance', () => {
		const { e2, e3, fix } = history();
		const viewer = loadViewer(makeUser({ memberId: head.id }));
		const s = getStatement(viewer, household.id);
		expect(s).toMatchObject({
			household: { id: household.id, number: household.number, headName: '刘建国' },
			balance: 45,
			earnedToDate: 105,
			totals: { earn: 110, redeem: -60, correct: -5, deduct: 0, refund: 0, expire: 0 },
			entryCount: 5,
			nextBefore: null
		});
		expect(s.byMember).toEqual([
			{ memberId: null, name: null, points: 100 },
			{ memberId: head.id, name: '刘建国', points: 5 },
			{ memberId: daughter.id, name: '刘晓雨', points: 0 }
		]);
		// Newest first; each balanceAfter is the running balance.
		expect(s.entries.map((e) => [e.kind, e.points, e.balanceAfter])).toEqual([
			['correct', -5, 45],
			['redeem', -60, 50],
			['earn', 5, 110],
			['earn', 5, 105],
			['earn', 100, 100]
		]);
		const [correction, , third, second] = s.entries;
		expect(correction).toMatchObject({
			id: fix.id,
			memberName: '刘晓雨',
			note: '重复登记',
			source: { type: 'entry', id: e3.id },
			rule: { name: '志愿服务', versionNumber: 1 },
			actorName: committee.name
		});
		expect(third).toMatchObject({ id: e3.id, correctedByEntryId: fix.id });
		expect(second).toMatchObject({ id: e2.id, memberName: '刘建国', correctedByEntryId: null });
	});

	it('pages from newest to oldest', () => {
		history();
		const page1 = getStatement(committee, household.id, { limit: 2 });
		expect(page1.entries).toHaveLength(2);
		const page2 = getStatement(committee, household.id, { limit: 2, before: page1.nextBefore! });
		const page3 = getStatement(committee, household.id, { limit: 2, before: page2.nextBefore! });
		expect(page3.nextBefore).toBeNull();
		expect([...page1.entries, ...page2.entries, ...page3.entries].map((e) => e.id)).toEqual(
			fullStatement(committee, household.id).entries.map((e) => e.id)
		);
	});

	it('is for the household, whoever acts for it, its 十户长 and the committee', () => {
		history();
		const see = (viewer: Viewer) => codeOf(() => getStatement(viewer, household.id));
		expect(see(loadViewer(makeUser({ memberId: daughter.id })))).toBe('allowed');
		expect(see(committee)).toBe('allowed');
		const neighbour = makeFamily({ villageId: village.id, tenGroupId: groupId });
		const neighbourUser = makeUser({ memberId: neighbour.head.id });
		expect(see(loadViewer(neighbourUser))).toBe('forbidden');
		// Once the neighbour leads the group (十户长: records deeds, acts for its members), they may.
		db.update(tenGroups)
			.set({ leaderMemberId: neighbour.head.id })
			.where(eq(tenGroups.id, groupId))
			.run();
		expect(see(loadViewer(neighbourUser))).toBe('allowed');
		const housemate = makeMember({ householdId: neighbour.household.id });
		expect(see(loadViewer(makeUser({ memberId: housemate.id })))).toBe('forbidden');
		expect(see(loadViewer(makeUser({ villageId: village.id, roles: ['shopkeeper'] })))).toBe(
			'forbidden'
		);
		const other = makeVillage();
		expect(see(loadViewer(makeUser({ villageId: other.id, roles: ['committee'] })))).toBe(
			'not_found'
		);
		expect(see(loadViewer(makeUser({ isTownAdmin: true })))).toBe('forbidden');
		expect(
			codeOf(() =>
				listVillageEntries(
					loadViewer(makeUser({ villageId: other.id, roles: ['committee'] })),
					village.id
				)
			)
		).toBe('not_found');
	});

	it('is served by GET /api/v1/households/{id}/ledger', async () => {
		history();
		const viewer = loadViewer(makeUser({ memberId: head.id }));
		const res = await callEndpoint(api.householdLedgerEndpoint, {
			viewer,
			params: { id: String(household.id) },
			query: { limit: '2' }
		});
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ balance: 45, earnedToDate: 105 });
		expect(res.body.entries).toHaveLength(2);
		expect(res.body.nextBefore).toEqual(expect.any(Number));
		const other = makeVillage();
		const theirs = loadViewer(makeUser({ villageId: other.id, roles: ['committee'] }));
		const hidden = await callEndpoint(api.householdLedgerEndpoint, {
			viewer: theirs,
			params: { id: String(household.id) }
		});
		expect(hidden.status).toBe(404);
		const entries = await callEndpoint(api.listLedgerEntriesEndpoint, {
			viewer: committee,
			query: { household: household.number }
		});
		expect(entries.body.entries).toHaveLength(5);
	});

	it('exports to xlsx exactly what the statement shows', async () => {
		history();
		const file = await exportStatement(committee, household.id);
		expect(file.fileName).toBe(`积分对账单-${household.number}.xlsx`);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(file.body.buffer as ArrayBuffer);
		const sheet = book.worksheets[0]!;
		const rows: string[][] = [];
		sheet.eachRow((row) => rows.push((row.values as string[]).slice(1)));
		expect(rows[0]).toEqual([
			'日期',
			'类型',
			'积分',
			'余额',
			'成员',
			'细则',
			'来源',
			'说明',
			'经办人'
		]);
		expect(rows.slice(1).map((r) => [r[1], r[2], r[3], r[4]])).toEqual([
			['更正', '-5', '45', '刘晓雨'],
			['兑换', '-60', '50', '全户'],
			['加分', '+5', '110', '刘晓雨'],
			['加分', '+5', '105', '刘建国'],
			['加分', '+100', '100', '全户']
		]);
		expect(rows[1]![7]).toBe('重复登记');
		expect(rows[5]![6]).toBe('纸质存折结转');
		const summary: string[][] = [];
		book.worksheets[1]!.eachRow((row) => summary.push((row.values as string[]).slice(1)));
		expect(summary).toContainEqual(['当前积分', '45']);
		expect(summary).toContainEqual(['累计获得', '105']);
		const neighbour = loadViewer(
			makeUser({ memberId: makeFamily({ villageId: village.id }).head.id })
		);
		await expect(exportStatement(neighbour, household.id)).rejects.toMatchObject({
			code: 'forbidden'
		});
	});
});
