import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import * as photosApi from '$lib/server/api/endpoints/photos';
import { loadViewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { auditLog, depositSlips, households } from '$lib/server/db/schema';
import { DomainError, type ErrorCode } from '$lib/server/errors';
import { readPhoto } from '$lib/server/photos/read-photo';
import { withStoredPhoto } from '$lib/server/photos/with-stored-photo';
import { approveSlip } from '$lib/server/slips/approve-slip';
import { checkSlip } from '$lib/server/slips/check-slip';
import { creditDueSlips } from '$lib/server/slips/credit-due-slips';
import { listSlips } from '$lib/server/slips/list-slips';
import { reportHelpedSlip } from '$lib/server/slips/report-helped-slip';
import { makeFamily, makeMember, makeUser } from '../factories';
import { callEndpoint } from './api-helpers';
import { expectLedgerInvariants } from './ledger-helpers';
import { addPhotoRule, smallJpeg } from './photo-helpers';
import { makeSlipWorld, type SlipWorld } from './slips-helpers';

afterEach(() => expectLedgerInvariants());

const DAY = 86_400_000;
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

const fieldErrors = (e: DomainError) =>
	(e.details as { fieldErrors: Record<string, string> }).fieldErrors;

const helped = (w: SlipWorld, values: Record<string, unknown> = {}) => ({
	helperName: '李大明',
	ruleId: w.rules.help.id,
	occurredOn: '2026-05-08',
	note: '帮我把摔倒的老母亲送去卫生院',
	...values
});

const slipsOfVillage = (villageId: number) =>
	db.select().from(depositSlips).where(eq(depositSlips.villageId, villageId)).all();
const balance = (householdId: number) =>
	db.select().from(households).where(eq(households.id, householdId)).get()!.balance;

describe('the person helped reports their helper', () => {
	it('the slip goes to the helper’s household, is checked by its 十户长, approved and credited', () => {
		const w = makeSlipWorld();
		const slip = reportHelpedSlip(w.home.viewer, helped(w));
		expect(slip).toMatchObject({
			householdId: w.neighbour.household.id,
			memberId: w.neighbour.head.id,
			reportedVia: 'helped',
			reportedBy: w.home.viewer.userId,
			status: 'reported',
			points: 5,
			quantity: 1,
			note: '帮我把摔倒的老母亲送去卫生院'
		});
		const audit = db.select().from(auditLog).where(eq(auditLog.subjectId, slip.id)).all();
		expect(audit.map((a) => a.action)).toContain('slip.report');

		// The helper's household sees it among its own slips; the reporter's doesn't.
		expect(listSlips(w.neighbour.viewer).map((s) => s.id)).toContain(slip.id);
		expect(listSlips(w.home.viewer).map((s) => s.id)).not.toContain(slip.id);

		// Two-level review: the helper's 十户长 first, then the committee.
		refused('slip_needs_check', () => approveSlip(w.committee, slip.id, T0));
		expect(checkSlip(w.leader, slip.id).status).toBe('checked');
		expect(approveSlip(w.committee, slip.id, T0).status).toBe('posted');
		const before = balance(w.neighbour.household.id);
		creditDueSlips(new Date(T0.getTime() + 8 * DAY));
		expect(db.select().from(depositSlips).where(eq(depositSlips.id, slip.id)).get()?.status).toBe(
			'credited'
		);
		expect(balance(w.neighbour.household.id)).toBe(before + 5);
	});

	it('always starts as reported, even from a 十户长 or the committee', () => {
		const w = makeSlipWorld();
		// The 十户长 lives in the group and was helped by a neighbour of the same group.
		expect(reportHelpedSlip(w.leader, helped(w)).status).toBe('reported');
		expect(reportHelpedSlip(w.committee, helped(w)).status).toBe('reported');
		// The committee member who reported it can't approve it.
		const slip = reportHelpedSlip(w.committee, helped(w, { helperName: '张小安' }));
		checkSlip(w.leader, slip.id);
		refused('slip_own_report', () => approveSlip(w.committee, slip.id, T0));
	});

	it('refuses one’s own household (and the household acted for)', () => {
		const w = makeSlipWorld();
		const daughter = makeMember({ householdId: w.home.household.id, name: '张小红' });
		refused('slip_helped_own_household', () =>
			reportHelpedSlip(w.home.viewer, helped(w, { helperName: '张小安' }))
		);
		refused('slip_helped_own_household', () =>
			reportHelpedSlip(w.home.viewer, helped(w, { helperName: daughter.name }))
		);
		// 代办 for a member of the neighbour's household: the neighbour's household is "own" too.
		refused('slip_helped_own_household', () =>
			reportHelpedSlip(w.leader, helped(w), {
				actingForHouseholdId: w.neighbour.household.id
			})
		);
		expect(slipsOfVillage(w.village.id)).toEqual([]);
	});

	it('asks for the 户号 when several villagers share the name', () => {
		const w = makeSlipWorld();
		const a = makeFamily({ villageId: w.village.id, tenGroupId: w.group.id }, { name: '王小红' });
		const b = makeFamily({ villageId: w.village.id, tenGroupId: null }, { name: '王小红' });
		const e = refused('validation', () =>
			reportHelpedSlip(w.home.viewer, helped(w, { helperName: '王小红' }))
		);
		expect(fieldErrors(e).householdNumber).toContain('王小红');
		expect(e.userMessage()).toContain('户号');

		const slip = reportHelpedSlip(
			w.home.viewer,
			helped(w, { helperName: ' 王小红 ', householdNumber: b.household.number })
		);
		expect([slip.householdId, slip.memberId]).toEqual([b.household.id, b.head.id]);
		expect(
			reportHelpedSlip(
				w.home.viewer,
				helped(w, { helperName: '王小红', householdNumber: a.household.number.toLowerCase() })
			).memberId
		).toBe(a.head.id);
	});

	it('sets aside a namesake of one’s own household; ignores inactive members', () => {
		const w = makeSlipWorld();
		makeMember({ householdId: w.home.household.id, name: '李大明' });
		makeMember({ householdId: w.leaderHome.id, name: '李大明', active: false });
		expect(reportHelpedSlip(w.home.viewer, helped(w)).householdId).toBe(w.neighbour.household.id);
	});

	it('no one of that name (in this village) is not found, with the field to correct', () => {
		const w = makeSlipWorld();
		let e = refused('not_found', () =>
			reportHelpedSlip(w.home.viewer, helped(w, { helperName: '没这个人' }))
		);
		expect(fieldErrors(e).helperName).toContain('没这个人');
		e = refused('not_found', () =>
			reportHelpedSlip(w.home.viewer, helped(w, { householdNumber: w.committeeHome.number }))
		);
		expect(fieldErrors(e).helperName).toContain(w.committeeHome.number);

		// Someone of another village, named with their own 户号: not found either.
		const other = makeSlipWorld();
		const stranger = makeFamily({ villageId: other.village.id }, { name: '外村的人' });
		refused('not_found', () =>
			reportHelpedSlip(
				w.home.viewer,
				helped(w, { helperName: '外村的人', householdNumber: stranger.household.number })
			)
		);
		// Nor can another village's rule be cited.
		refused('rule_not_current', () =>
			reportHelpedSlip(w.home.viewer, helped(w, { ruleId: other.rules.help.id }))
		);
		expect(slipsOfVillage(w.village.id)).toEqual([]);
		expect(slipsOfVillage(other.village.id)).toEqual([]);
	});

	it('refuses a deduction rule: no one is reported for a deduction this way', () => {
		const w = makeSlipWorld();
		const e = refused('validation', () =>
			reportHelpedSlip(w.home.viewer, helped(w, { ruleId: w.rules.litter.id }))
		);
		expect(fieldErrors(e).ruleId).toBeTruthy();
		expect(slipsOfVillage(w.village.id)).toEqual([]);
	});

	it('needs a household of the village, a name, a past date; a photo when the rule asks', async () => {
		const w = makeSlipWorld();
		refused('unauthenticated', () => reportHelpedSlip(null, helped(w)));
		// A staff login without a household.
		refused('forbidden', () => reportHelpedSlip(w.committee2, helped(w)));
		const townAdmin = loadViewer(makeUser({ isTownAdmin: true }));
		refused('forbidden', () => reportHelpedSlip(townAdmin, helped(w)));
		expect(
			fieldErrors(
				refused('validation', () => reportHelpedSlip(w.home.viewer, helped(w, { helperName: ' ' })))
			).helperName
		).toBeTruthy();
		expect(
			fieldErrors(
				refused('validation', () =>
					reportHelpedSlip(w.home.viewer, helped(w), { today: '2026-05-01' })
				)
			).occurredOn
		).toBeTruthy();

		const ruleId = addPhotoRule(w);
		refused('photo_required', () => reportHelpedSlip(w.home.viewer, helped(w, { ruleId })));
		const slip = await withStoredPhoto(await smallJpeg(), (photoKey) =>
			reportHelpedSlip(w.home.viewer, helped(w, { ruleId }), { photoKey })
		);
		expect(slip).toMatchObject({ points: 20, householdId: w.neighbour.household.id });
		expect(slip.photoKey).toMatch(/\.jpg$/);
		// The helper's household sees the photo before 公示; the reporter's household doesn't.
		expect((await readPhoto(w.neighbour.viewer, slip.photoKey!)).isPublic).toBe(false);
		await expect(readPhoto(w.home.viewer, slip.photoKey!)).rejects.toThrow(DomainError);
	});
});

describe('POST /api/v1/slips/helped', () => {
	it('reports once per Idempotency-Key; an ambiguous name is a 400 naming the field', async () => {
		const w = makeSlipWorld();
		const headers = { 'idempotency-key': 'helped-1' };
		const first = await callEndpoint(photosApi.reportHelpedSlipEndpoint, {
			viewer: w.home.viewer,
			body: helped(w),
			headers
		});
		expect(first.status).toBe(201);
		expect(first.body).toMatchObject({
			householdId: w.neighbour.household.id,
			reportedVia: 'helped',
			status: 'reported'
		});
		const replay = await callEndpoint(photosApi.reportHelpedSlipEndpoint, {
			viewer: w.home.viewer,
			body: helped(w),
			headers
		});
		expect(replay.headers.get('idempotent-replayed')).toBe('true');
		expect(replay.body.id).toBe(first.body.id);
		expect(slipsOfVillage(w.village.id)).toHaveLength(1);

		makeFamily({ villageId: w.village.id }, { name: '李大明' });
		const ambiguous = await callEndpoint(photosApi.reportHelpedSlipEndpoint, {
			viewer: w.home.viewer,
			body: helped(w)
		});
		expect(ambiguous.status).toBe(400);
		expect(ambiguous.body.error.details.fieldErrors.householdNumber).toBeTruthy();
		const own = await callEndpoint(photosApi.reportHelpedSlipEndpoint, {
			viewer: w.home.viewer,
			body: helped(w, { helperName: '张小安' })
		});
		expect([own.status, own.body.error.code]).toEqual([422, 'slip_helped_own_household']);
		const anonymous = await callEndpoint(photosApi.reportHelpedSlipEndpoint, {
			body: helped(w)
		});
		expect(anonymous.status).toBe(401);
	});
});
