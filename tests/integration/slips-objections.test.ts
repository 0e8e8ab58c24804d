import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import * as api from '$lib/server/api/endpoints/objections';
import { loadViewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import {
	auditLog,
	depositSlips,
	feedEvents,
	households,
	ledgerEntries,
	slipObjections,
	type DepositSlip
} from '$lib/server/db/schema';
import { DomainError, type ErrorCode } from '$lib/server/errors';
import { approveSlip } from '$lib/server/slips/approve-slip';
import { countStandingObjections } from '$lib/server/slips/count-standing-objections';
import { creditDueSlips } from '$lib/server/slips/credit-due-slips';
import { listNotice } from '$lib/server/slips/list-notice';
import { listObjections } from '$lib/server/slips/list-objections';
import { objectedSlipIds } from '$lib/server/slips/objected-slip-ids';
import { pendingSlips } from '$lib/server/slips/pending-slips';
import { raiseObjection } from '$lib/server/slips/raise-objection';
import { reportSlip } from '$lib/server/slips/report-slip';
import { resolveObjection } from '$lib/server/slips/resolve-objection';
import { makeUser } from '../factories';
import { callEndpoint } from './api-helpers';
import { expectLedgerInvariants } from './ledger-helpers';
import { makeSlipWorld, type SlipWorld } from './slips-helpers';

afterEach(() => expectLedgerInvariants());

const DAY = 86_400_000;
const T0 = new Date('2026-05-10T08:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);

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

const balance = (householdId: number) =>
	db.select().from(households).where(eq(households.id, householdId)).get()!.balance;
const slipRow = (id: number) =>
	db.select().from(depositSlips).where(eq(depositSlips.id, id)).get()!;
const slipEntries = (slipId: number) =>
	db
		.select()
		.from(ledgerEntries)
		.where(and(eq(ledgerEntries.sourceType, 'slip'), eq(ledgerEntries.sourceId, slipId)))
		.all();
const objectionsOf = (slipId: number) =>
	db.select().from(slipObjections).where(eq(slipObjections.slipId, slipId)).all();
const householdFeed = (householdId: number) =>
	db
		.select()
		.from(feedEvents)
		.where(eq(feedEvents.room, `household:${householdId}`))
		.all()
		.map((f) => f.type);

/** A slip of +10 for the home household's head, approved by the committee at T0 (公示 7 days). */
function postedSlip(w: SlipWorld): DepositSlip {
	const slip = reportSlip(w.leader, {
		memberId: w.home.head.id,
		ruleId: w.rules.help.id,
		quantity: 2,
		occurredOn: '2026-05-08'
	});
	const posted = approveSlip(w.committee, slip.id, T0);
	expect(posted.status).toBe('posted');
	return posted;
}

describe('objecting to a slip on the notice board', () => {
	it('upheld: the slip is withdrawn and never credited, even after the period', () => {
		const w = makeSlipWorld();
		const slip = postedSlip(w);
		const objection = raiseObjection(
			w.neighbour.viewer,
			slip.id,
			{ reason: '那天他不在村里' },
			{ now: at(1) }
		);
		expect(objection).toMatchObject({ status: 'standing', reason: '那天他不在村里' });
		// Public board: marked as under objection, without saying who objected.
		const item = listNotice(w.village.code, at(1)).items.find((i) => i.id === slip.id);
		expect(item).toMatchObject({ objected: true });
		expect(JSON.stringify(item)).not.toContain(w.neighbour.head.name);
		// The household's statement shows it waiting.
		expect(pendingSlips(w.home.viewer, w.home.household.id)).toEqual([
			expect.objectContaining({ id: slip.id, objected: true })
		]);
		expect(countStandingObjections(w.committee, w.village.id)).toBe(1);

		const decided = resolveObjection(
			w.committee,
			objection.id,
			{ decision: 'uphold', reason: '核实属实，撤回' },
			at(2)
		);
		expect(decided).toMatchObject({
			status: 'upheld',
			resolution: '核实属实，撤回',
			resolvedBy: w.committee.userId
		});
		expect(slipRow(slip.id)).toMatchObject({ status: 'withdrawn', withdrawnAt: at(2) });
		expect(creditDueSlips(at(30))).toBe(0);
		expect(slipRow(slip.id).status).toBe('withdrawn');
		expect(slipEntries(slip.id)).toEqual([]);
		expect(balance(w.home.household.id)).toBe(0);
		expect(listNotice(w.village.code, at(2)).items.map((i) => i.id)).not.toContain(slip.id);
		expect(countStandingObjections(w.committee, w.village.id)).toBe(0);
		// Deciding twice is refused.
		refused('objection_not_standing', () =>
			resolveObjection(w.committee, objection.id, { decision: 'dismiss', reason: '再议' }, at(3))
		);
		expect(householdFeed(w.home.household.id)).toEqual(['objection_raised', 'objection_resolved']);
		const audit = db.select().from(auditLog).where(eq(auditLog.villageId, w.village.id)).all();
		expect(audit.map((a) => a.action)).toEqual(
			expect.arrayContaining(['slip.object', 'objection.uphold'])
		);
	});

	it('upholding one objection closes the others standing on the same slip', () => {
		const w = makeSlipWorld();
		const slip = postedSlip(w);
		const first = raiseObjection(w.neighbour.viewer, slip.id, { reason: '不属实' }, { now: at(1) });
		const second = raiseObjection(w.leader, slip.id, { reason: '次数不对' }, { now: at(1) });
		resolveObjection(w.committee, first.id, { decision: 'uphold', reason: '属实' }, at(2));
		expect(objectionsOf(slip.id).map((o) => [o.id, o.status, o.resolution])).toEqual([
			[first.id, 'upheld', '属实'],
			[second.id, 'upheld', '属实']
		]);
		refused('objection_not_standing', () =>
			resolveObjection(w.committee, second.id, { decision: 'dismiss', reason: '不成立' }, at(2))
		);
	});

	it('dismissed during the period: the slip is credited when the period ends, once', () => {
		const w = makeSlipWorld();
		const slip = postedSlip(w);
		const objection = raiseObjection(
			w.neighbour.viewer,
			slip.id,
			{ reason: '有疑问' },
			{ now: at(1) }
		);
		// While it stands, the end of the period credits nothing.
		expect(creditDueSlips(at(8))).toBe(0);
		expect(slipRow(slip.id).status).toBe('posted');
		expect(balance(w.home.household.id)).toBe(0);
		// Dismissed before the period ends (resolved at(3), clock in the period): not credited yet.
		const slip2 = postedSlip(w);
		const o2 = raiseObjection(w.neighbour.viewer, slip2.id, { reason: '有疑问' }, { now: at(1) });
		resolveObjection(w.committee, o2.id, { decision: 'dismiss', reason: '经核实属实' }, at(3));
		expect(slipRow(slip2.id).status).toBe('posted');
		expect(slipEntries(slip2.id)).toEqual([]);
		expect(creditDueSlips(at(7))).toBe(1);
		expect(creditDueSlips(at(7))).toBe(0);
		expect(slipRow(slip2.id).status).toBe('credited');
		expect(slipEntries(slip2.id)).toHaveLength(1);
		expect(balance(w.home.household.id)).toBe(10);
		expect(slipRow(slip.id).status).toBe('posted');
		// The first one's objection is dismissed after its period ended: credited right away.
		const decided = resolveObjection(
			w.committee,
			objection.id,
			{ decision: 'dismiss', reason: '经核实属实' },
			at(9)
		);
		expect(decided.status).toBe('dismissed');
		expect(slipRow(slip.id)).toMatchObject({ status: 'credited', creditedAt: at(9) });
		expect(slipEntries(slip.id)).toHaveLength(1);
		expect(balance(w.home.household.id)).toBe(20);
		expect(creditDueSlips(at(30))).toBe(0);
		expect(slipEntries(slip.id)).toHaveLength(1);
		// The household heard: dismissed before credited.
		const feed = householdFeed(w.home.household.id);
		expect(feed.slice(-2)).toEqual(['objection_resolved', 'points_credited']);
	});

	it('dismissing one of two objections after the period still waits for the other', () => {
		const w = makeSlipWorld();
		const slip = postedSlip(w);
		const first = raiseObjection(w.neighbour.viewer, slip.id, { reason: '不属实' }, { now: at(1) });
		const second = raiseObjection(w.leader, slip.id, { reason: '不属实' }, { now: at(1) });
		resolveObjection(w.committee, first.id, { decision: 'dismiss', reason: '属实' }, at(9));
		expect(slipRow(slip.id).status).toBe('posted');
		expect(creditDueSlips(at(10))).toBe(0);
		resolveObjection(w.committee2, second.id, { decision: 'dismiss', reason: '属实' }, at(11));
		expect(slipRow(slip.id).status).toBe('credited');
		expect(balance(w.home.household.id)).toBe(10);
	});

	it('no objection: credited at the end of the period', () => {
		const w = makeSlipWorld();
		const slip = postedSlip(w);
		expect(listNotice(w.village.code, at(1)).items).toEqual([
			expect.objectContaining({ id: slip.id, objected: false })
		]);
		expect(creditDueSlips(at(6))).toBe(0);
		expect(creditDueSlips(at(7))).toBe(1);
		expect(balance(w.home.household.id)).toBe(10);
	});

	it('creditDueSlips skips slips with a standing objection and credits the rest', () => {
		const w = makeSlipWorld();
		const objected = postedSlip(w);
		const clean = postedSlip(w);
		raiseObjection(w.neighbour.viewer, objected.id, { reason: '不属实' }, { now: at(1) });
		expect(creditDueSlips(at(8))).toBe(1);
		expect(slipRow(clean.id).status).toBe('credited');
		expect(slipRow(objected.id).status).toBe('posted');
		expect(slipEntries(objected.id)).toEqual([]);
	});

	it('after the period (or once credited) objecting is closed', () => {
		const w = makeSlipWorld();
		const slip = postedSlip(w);
		refused('objection_closed', () =>
			raiseObjection(w.neighbour.viewer, slip.id, { reason: '太晚了' }, { now: at(7) })
		);
		creditDueSlips(at(7));
		refused('objection_closed', () =>
			raiseObjection(w.neighbour.viewer, slip.id, { reason: '太晚了' }, { now: at(5) })
		);
		// A slip not yet posted can't be objected to either.
		const unposted = reportSlip(w.leader, {
			memberId: w.home.head.id,
			ruleId: w.rules.help.id,
			occurredOn: '2026-05-08'
		});
		refused('objection_closed', () =>
			raiseObjection(w.neighbour.viewer, unposted.id, { reason: '不对' }, { now: at(1) })
		);
		expect(
			db
				.select()
				.from(slipObjections)
				.all()
				.filter((o) => o.villageId === w.village.id)
		).toEqual([]);
	});

	it('twice by the same person: one row; the same reason again returns it, another is refused', () => {
		const w = makeSlipWorld();
		const slip = postedSlip(w);
		const first = raiseObjection(w.neighbour.viewer, slip.id, { reason: '不属实' }, { now: at(1) });
		const again = raiseObjection(
			w.neighbour.viewer,
			slip.id,
			{ reason: ' 不属实 ' },
			{ now: at(1) }
		);
		expect(again.id).toBe(first.id);
		refused('objection_exists', () =>
			raiseObjection(w.neighbour.viewer, slip.id, { reason: '还有别的' }, { now: at(2) })
		);
		expect(objectionsOf(slip.id)).toHaveLength(1);
		// The notice board knows not to offer the form again.
		expect(objectedSlipIds(w.neighbour.viewer, w.village.id)).toEqual([slip.id]);
		expect(objectedSlipIds(w.leader, w.village.id)).toEqual([]);
		expect(objectedSlipIds(null, w.village.id)).toEqual([]);
		// The household was told once.
		expect(householdFeed(w.home.household.id).filter((t) => t === 'objection_raised')).toHaveLength(
			1
		);
	});

	it('another village’s slip is not found; a login without a household may not object', () => {
		const w = makeSlipWorld();
		const other = makeSlipWorld();
		const slip = postedSlip(w);
		refused('not_found', () =>
			raiseObjection(other.neighbour.viewer, slip.id, { reason: '不属实' }, { now: at(1) })
		);
		refused('forbidden', () =>
			raiseObjection(w.committee2, slip.id, { reason: '不属实' }, { now: at(1) })
		);
		refused('unauthenticated', () =>
			raiseObjection(null, slip.id, { reason: '不属实' }, { now: at(1) })
		);
		refused('not_found', () =>
			raiseObjection(w.neighbour.viewer, 987_654, { reason: '不属实' }, { now: at(1) })
		);
		const objection = raiseObjection(
			w.neighbour.viewer,
			slip.id,
			{ reason: '不属实' },
			{
				now: at(1)
			}
		);
		refused('not_found', () =>
			resolveObjection(other.committee, objection.id, { decision: 'uphold', reason: '属实' }, at(2))
		);
		refused('not_found', () => listObjections(other.committee, w.village.id));
		expect(objectionsOf(slip.id)).toEqual([expect.objectContaining({ status: 'standing' })]);
	});

	it('only the committee resolves, never about its own household, and never without a reason', () => {
		const w = makeSlipWorld();
		const slip = postedSlip(w);
		const objection = raiseObjection(
			w.neighbour.viewer,
			slip.id,
			{ reason: '不属实' },
			{
				now: at(1)
			}
		);
		refused('forbidden', () =>
			resolveObjection(w.leader, objection.id, { decision: 'uphold', reason: '属实' }, at(2))
		);
		refused('forbidden', () =>
			resolveObjection(w.home.viewer, objection.id, { decision: 'dismiss', reason: '不' }, at(2))
		);
		refused('forbidden', () => listObjections(w.leader, w.village.id));
		const empty = refused('validation', () =>
			resolveObjection(w.committee, objection.id, { decision: 'uphold', reason: '   ' }, at(2))
		);
		expect(empty.details).toMatchObject({ fieldErrors: { reason: expect.any(String) } });
		refused('validation', () =>
			resolveObjection(
				w.committee,
				objection.id,
				{ decision: 'maybe' as 'uphold', reason: '属实' },
				at(2)
			)
		);
		refused('validation', () =>
			raiseObjection(w.neighbour.viewer, slip.id, { reason: '' }, { now: at(1) })
		);
		expect(objectionsOf(slip.id)).toEqual([expect.objectContaining({ status: 'standing' })]);
		expect(slipRow(slip.id).status).toBe('posted');

		// A committee member living in the household the slip is about can't decide for it.
		const committee3 = loadViewer(makeUser({ villageId: w.village.id, roles: ['committee'] }));
		const committeeSlip = reportSlip(w.committee2, {
			memberId: w.committeeHome.headMemberId!,
			ruleId: w.rules.help.id,
			occurredOn: '2026-05-08'
		});
		approveSlip(committee3, committeeSlip.id, T0);
		const o2 = raiseObjection(
			w.neighbour.viewer,
			committeeSlip.id,
			{ reason: '不属实' },
			{
				now: at(1)
			}
		);
		refused('slip_own_household', () =>
			resolveObjection(w.committee, o2.id, { decision: 'dismiss', reason: '属实' }, at(2))
		);
		expect(
			resolveObjection(committee3, o2.id, { decision: 'dismiss', reason: '属实' }, at(2)).status
		).toBe('dismissed');
	});

	it('the worklist shows standing objections first, with the slip, household, member and rule', () => {
		const w = makeSlipWorld();
		const a = postedSlip(w);
		const b = postedSlip(w);
		const oa = raiseObjection(w.neighbour.viewer, a.id, { reason: '甲有疑问' }, { now: at(1) });
		const ob = raiseObjection(w.neighbour.viewer, b.id, { reason: '乙有疑问' }, { now: at(1) });
		resolveObjection(w.committee, oa.id, { decision: 'dismiss', reason: '属实' }, at(2));
		const list = listObjections(w.committee, w.village.id);
		expect(list.map((o) => [o.id, o.status])).toEqual([
			[ob.id, 'standing'],
			[oa.id, 'dismissed']
		]);
		expect(list[0]).toMatchObject({
			reason: '乙有疑问',
			raisedByName: w.neighbour.head.name,
			raisedAt: at(1).toISOString(),
			slip: {
				id: b.id,
				householdNumber: w.home.household.number,
				memberName: w.home.head.name,
				ruleName: '帮扶邻里',
				points: 10,
				status: 'posted'
			}
		});
		expect(list[1]).toMatchObject({ resolution: '属实', resolvedAt: at(2).toISOString() });
		expect(listObjections(w.committee, w.village.id, { status: 'standing' })).toHaveLength(1);
		expect(listObjections(w.committee, w.village.id, { status: 'dismissed' })).toHaveLength(1);
	});
});

describe('objections over the API', () => {
	it('POST /slips/{id}/objections with an Idempotency-Key raises one objection', async () => {
		const w = makeSlipWorld();
		const slip = postedSlip(w);
		// The API uses the real clock: put the slip's 公示 period around now.
		db.update(depositSlips)
			.set({ noticeEndsAt: new Date(Date.now() + 3 * DAY) })
			.where(eq(depositSlips.id, slip.id))
			.run();
		const headers = { 'idempotency-key': `object-${slip.id}` };
		const body = { reason: '那天下雨，没有出工' };
		const first = await callEndpoint(api.raiseObjectionEndpoint, {
			viewer: w.neighbour.viewer,
			params: { id: String(slip.id) },
			body,
			headers
		});
		expect(first.status).toBe(201);
		expect(first.body).toMatchObject({ slipId: slip.id, status: 'standing', reason: body.reason });
		const retry = await callEndpoint(api.raiseObjectionEndpoint, {
			viewer: w.neighbour.viewer,
			params: { id: String(slip.id) },
			body,
			headers
		});
		expect(retry.status).toBe(201);
		expect(retry.body.id).toBe(first.body.id);
		expect(objectionsOf(slip.id)).toHaveLength(1);

		const empty = await callEndpoint(api.raiseObjectionEndpoint, {
			viewer: w.leader,
			params: { id: String(slip.id) },
			body: { reason: '' }
		});
		expect(empty.status).toBe(400);
		expect(empty.body.error.code).toBe('validation');
		expect(objectionsOf(slip.id)).toHaveLength(1);

		const other = makeSlipWorld();
		const foreign = await callEndpoint(api.raiseObjectionEndpoint, {
			viewer: other.home.viewer,
			params: { id: String(slip.id) },
			body
		});
		expect(foreign.status).toBe(404);
	});

	it('GET /villages/{id}/objections and POST /objections/{id}/resolve (committee only)', async () => {
		const w = makeSlipWorld();
		const slip = postedSlip(w);
		const objection = raiseObjection(
			w.neighbour.viewer,
			slip.id,
			{ reason: '不属实' },
			{
				now: at(1)
			}
		);
		const list = await callEndpoint(api.listObjectionsEndpoint, {
			viewer: w.committee,
			params: { id: String(w.village.id) }
		});
		expect(list.status).toBe(200);
		expect(list.body).toEqual([
			expect.objectContaining({ id: objection.id, status: 'standing', reason: '不属实' })
		]);
		const notCommittee = await callEndpoint(api.listObjectionsEndpoint, {
			viewer: w.home.viewer,
			params: { id: String(w.village.id) }
		});
		expect(notCommittee.status).toBe(403);

		const forbidden = await callEndpoint(api.resolveObjectionEndpoint, {
			viewer: w.leader,
			params: { id: String(objection.id) },
			body: { decision: 'uphold', reason: '属实' }
		});
		expect(forbidden.status).toBe(403);
		const noReason = await callEndpoint(api.resolveObjectionEndpoint, {
			viewer: w.committee,
			params: { id: String(objection.id) },
			body: { decision: 'uphold' }
		});
		expect(noReason.status).toBe(400);
		expect(objectionsOf(slip.id)[0]!.status).toBe('standing');

		const done = await callEndpoint(api.resolveObjectionEndpoint, {
			viewer: w.committee,
			params: { id: String(objection.id) },
			body: { decision: 'uphold', reason: '核实属实' },
			headers: { 'idempotency-key': `resolve-${objection.id}` }
		});
		expect(done.status).toBe(200);
		expect(done.body).toMatchObject({ status: 'upheld', resolution: '核实属实' });
		expect(slipRow(slip.id).status).toBe('withdrawn');
		expect(balance(w.home.household.id)).toBe(0);
	});
});
