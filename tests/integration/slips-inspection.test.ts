import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { loadViewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { depositSlips, inspections } from '$lib/server/db/schema';
import { DomainError, type ErrorCode } from '$lib/server/errors';
import { approveSlip, approveSlips } from '$lib/server/slips/approve-slip';
import { creditDueSlips } from '$lib/server/slips/credit-due-slips';
import { addRule } from '$lib/server/rules/add-rule';
import { createDraft } from '$lib/server/rules/create-draft';
import { publishDraft } from '$lib/server/rules/publish-draft';
import { recordInspection } from '$lib/server/slips/record-inspection';
import { makeFamily, makeHousehold, makeMember, makeUser } from '../factories';
import { recordInspectionEndpoint } from '$lib/server/api/endpoints/inspections';
import { callEndpoint } from './api-helpers';
import { expectLedgerInvariants } from './ledger-helpers';
import { makeSlipWorld } from './slips-helpers';

afterEach(() => expectLedgerInvariants());

const T0 = new Date('2026-05-10T08:00:00Z');

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
const slipsOfVillage = (villageId: number) =>
	db.select().from(depositSlips).where(eq(depositSlips.villageId, villageId)).all();
const inspectionsOf = (villageId: number) =>
	db.select().from(inspections).where(eq(inspections.villageId, villageId)).all();

describe('recordInspection', () => {
	it('scores many households in one go: one inspection, one pre-checked slip each', () => {
		const w = makeSlipWorld();
		// A household without a head is scored on its first member.
		const headless = makeHousehold({ villageId: w.village.id });
		const first = makeMember({ householdId: headless.id, name: '钱一' });
		makeMember({ householdId: headless.id, name: '钱二' });
		const { inspection, slips } = recordInspection(
			w.committee,
			{
				ruleId: w.rules.clean.id,
				occurredOn: '2026-05-08',
				note: '五月环境卫生检查',
				householdIds: [w.home.household.id, w.neighbour.household.id, headless.id]
			},
			{ now: T0 }
		);
		expect(inspection).toMatchObject({
			villageId: w.village.id,
			ruleId: w.rules.clean.id,
			occurredOn: '2026-05-08',
			recordedBy: w.committee.userId
		});
		expect(slips.map((s) => s.memberId)).toEqual([w.home.head.id, w.neighbour.head.id, first.id]);
		for (const slip of slips) {
			expect(slip).toMatchObject({
				inspectionId: inspection.id,
				reportedVia: 'committee',
				reportedBy: w.committee.userId,
				status: 'checked',
				quantity: 1,
				points: 3,
				note: '五月环境卫生检查'
			});
		}
		// Without two-level review the slips wait for approval as `reported`.
		const flat = makeSlipWorld({ twoLevelReview: false });
		const single = recordInspection(flat.committee, {
			ruleId: flat.rules.help.id,
			occurredOn: '2026-05-08',
			householdIds: [flat.home.household.id]
		});
		expect(single.slips[0]).toMatchObject({ status: 'reported', checkedBy: null });
	});

	it('writes nothing if any household can’t be scored', () => {
		const w = makeSlipWorld();
		const other = makeSlipWorld();
		const empty = makeHousehold({ villageId: w.village.id, number: 'EMPTY-1' });
		const extra = makeFamily({ villageId: w.village.id }).household;
		const gone = makeHousehold({ villageId: w.village.id, number: 'GONE-1', active: false });
		makeMember({ householdId: gone.id });
		const ok = [w.home.household.id, w.neighbour.household.id];
		const input = (extra: number[]) => ({
			ruleId: w.rules.clean.id,
			occurredOn: '2026-05-08',
			householdIds: [...ok, ...extra]
		});

		const noMembers = refused('validation', () => recordInspection(w.committee, input([empty.id])));
		expect(noMembers.userMessage()).toContain('EMPTY-1');
		const inactive = refused('validation', () => recordInspection(w.committee, input([gone.id])));
		expect(inactive.userMessage()).toContain('GONE-1');
		const twice = refused('validation', () => recordInspection(w.committee, input([ok[0]!])));
		expect(twice.userMessage()).toContain(w.home.household.number);
		refused('not_found', () => recordInspection(w.committee, input([other.home.household.id])));
		refused('not_found', () => recordInspection(w.committee, input([9_999_999])));
		refused('validation', () => recordInspection(w.committee, { ...input([]), householdIds: [] }));
		refused('validation', () =>
			recordInspection(w.committee, { ...input([]), occurredOn: '2099-01-01' })
		);
		// A rule of another village's book is not current here.
		refused('rule_not_current', () =>
			recordInspection(w.committee, { ...input([]), ruleId: other.rules.clean.id })
		);
		expect(slipsOfVillage(w.village.id)).toEqual([]);
		expect(inspectionsOf(w.village.id)).toEqual([]);

		// With the bad household left out it goes through.
		expect(recordInspection(w.committee, input([extra.id])).slips).toHaveLength(3);
	});

	it('scores a rule that asks for a photo: the inspection is the evidence', () => {
		const w = makeSlipWorld();
		const draft = createDraft(w.committee2);
		addRule(w.committee2, draft.id, {
			category: '环境卫生/门前三包',
			name: '月度检查：庭院整洁',
			points: 4,
			photoRequired: true
		});
		const book = publishDraft(w.committee2, draft.id, {
			adoptedBy: '村民代表会议',
			adoptedOn: '2026-04-01',
			resolution: '表决通过'
		});
		const rule = book.rules.find((r) => r.name === '月度检查：庭院整洁');
		expect(rule?.photoRequired).toBe(true);
		const { slips } = recordInspection(w.committee, {
			ruleId: rule!.id,
			occurredOn: '2026-05-08',
			householdIds: [w.home.household.id]
		});
		expect(slips[0]).toMatchObject({ points: 4, photoKey: null, status: 'checked' });
	});

	it('is for the committee only; another village’s committee is told not found', () => {
		const w = makeSlipWorld();
		const other = makeSlipWorld();
		const input = {
			ruleId: w.rules.clean.id,
			occurredOn: '2026-05-08',
			householdIds: [w.home.household.id]
		};
		refused('forbidden', () => recordInspection(w.leader, input));
		refused('forbidden', () => recordInspection(w.home.viewer, input));
		refused('unauthenticated', () => recordInspection(null, input));
		// Their own rule, our household: the household doesn't exist for them.
		refused('not_found', () =>
			recordInspection(other.committee, { ...input, ruleId: other.rules.clean.id })
		);
		const staff = loadViewer(makeUser({ villageId: w.village.id, roles: ['shopkeeper'] }));
		refused('forbidden', () => recordInspection(staff, input));
		expect(slipsOfVillage(w.village.id)).toEqual([]);
	});
});

describe('review of inspection slips', () => {
	it('the recorder can’t approve them; another committee member approves them in a batch', () => {
		const w = makeSlipWorld();
		const { slips } = recordInspection(w.committee2, {
			ruleId: w.rules.help.id,
			occurredOn: '2026-05-08',
			householdIds: [w.home.household.id, w.neighbour.household.id, w.committeeHome.id]
		});
		const ids = slips.map((s) => s.id);
		const own = approveSlips(w.committee2, { ids }, T0);
		expect(own.approved).toEqual([]);
		expect(own.failed.map((f) => f.code)).toEqual([
			'slip_own_report',
			'slip_own_report',
			'slip_own_report'
		]);
		// The other committee member: all but the slip about their own household.
		const batch = approveSlips(w.committee, { ids }, T0);
		expect(batch.approved).toEqual([ids[0], ids[1]]);
		expect(batch.failed).toMatchObject([{ id: ids[2], code: 'slip_own_household' }]);
		creditDueSlips(new Date(T0.getTime() + 8 * 86_400_000));
		const after = slipsOfVillage(w.village.id).map((s) => s.status);
		expect(after.sort()).toEqual(['checked', 'credited', 'credited']);
		expectLedgerInvariants();
	});

	it('caps are still enforced at approval', () => {
		const w = makeSlipWorld();
		// 庭院整洁: at most once a month. Two inspections in May score the home twice.
		const may = recordInspection(w.committee2, {
			ruleId: w.rules.clean.id,
			occurredOn: '2026-05-02',
			householdIds: [w.home.household.id, w.neighbour.household.id]
		});
		const again = recordInspection(w.committee2, {
			ruleId: w.rules.clean.id,
			occurredOn: '2026-05-09',
			householdIds: [w.home.household.id]
		});
		const first = approveSlips(w.committee, { ids: may.slips.map((s) => s.id) }, T0);
		expect(first.approved).toHaveLength(2);
		refused('slip_cap_reached', () => approveSlip(w.committee, again.slips[0]!.id, T0));
	});
});

describe('POST /api/v1/inspections', () => {
	it('records an inspection and replays it for the same Idempotency-Key', async () => {
		const w = makeSlipWorld();
		const body = {
			ruleId: w.rules.help.id,
			occurredOn: '2026-05-08',
			householdIds: [w.home.household.id, w.neighbour.household.id]
		};
		const headers = { 'idempotency-key': `inspection-${w.village.id}` };
		const call = (viewer: typeof w.committee, h: Record<string, string> = headers) =>
			callEndpoint(recordInspectionEndpoint, { viewer, body, headers: h });
		const first = await call(w.committee);
		expect(first.status).toBe(201);
		const json = first.body as { inspection: { id: number }; slips: { inspectionId: number }[] };
		expect(json.slips).toHaveLength(2);
		const replay = await call(w.committee);
		expect(replay.status).toBe(201);
		expect((replay.body as { inspection: { id: number } }).inspection.id).toBe(json.inspection.id);
		expect(inspectionsOf(w.village.id)).toHaveLength(1);
		const denied = await call(w.leader, {});
		expect(denied.status).toBe(403);
		expect(inspectionsOf(w.village.id)).toHaveLength(1);
	});
});
