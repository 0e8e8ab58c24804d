import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import * as api from '$lib/server/api/endpoints/slips';
import { db } from '$lib/server/db';
import { depositSlips, households, ledgerEntries } from '$lib/server/db/schema';
import { approveSlip } from '$lib/server/slips/approve-slip';
import { creditDueSlips } from '$lib/server/slips/credit-due-slips';
import { reportSlip } from '$lib/server/slips/report-slip';
import { callEndpoint } from './api-helpers';
import { expectLedgerInvariants } from './ledger-helpers';
import { makeSlipWorld } from './slips-helpers';

const DAY = 86_400_000;

afterEach(() => expectLedgerInvariants());

const slipsOf = (householdId: number) =>
	db.select().from(depositSlips).where(eq(depositSlips.householdId, householdId)).all();
const slipEntries = (slipId: number) =>
	db
		.select()
		.from(ledgerEntries)
		.where(and(eq(ledgerEntries.sourceType, 'slip'), eq(ledgerEntries.sourceId, slipId)))
		.all();
const balance = (householdId: number) =>
	db.select().from(households).where(eq(households.id, householdId)).get()!.balance;

describe('POST /api/v1/slips', () => {
	it('a double submit with the same Idempotency-Key creates one slip', async () => {
		const w = makeSlipWorld();
		const body = { memberId: w.home.head.id, ruleId: w.rules.help.id, occurredOn: '2026-05-01' };
		const headers = { 'idempotency-key': 'slip-double-tap-1' };
		// A double tap: the second arrives while the first is still running (409 conflict, retry
		// later) or after it (the first response replayed) — either way one slip.
		const [first, second] = await Promise.all([
			callEndpoint(api.reportSlipEndpoint, { viewer: w.home.viewer, body, headers }),
			callEndpoint(api.reportSlipEndpoint, { viewer: w.home.viewer, body, headers })
		]);
		expect(first.status).toBe(201);
		expect([201, 409]).toContain(second.status);
		if (second.status === 201) expect(second.body.id).toBe(first.body.id);
		// A retry after a lost response replays the first answer.
		const retry = await callEndpoint(api.reportSlipEndpoint, {
			viewer: w.home.viewer,
			body,
			headers
		});
		expect(retry.status).toBe(201);
		expect(retry.headers.get('idempotent-replayed')).toBe('true');
		expect(retry.body.id).toBe(first.body.id);
		expect(slipsOf(w.home.household.id)).toHaveLength(1);
	});

	it('bad input is a clear error that changes nothing', async () => {
		const w = makeSlipWorld();
		const res = await callEndpoint(api.reportSlipEndpoint, {
			viewer: w.home.viewer,
			body: { memberId: w.home.head.id, ruleId: w.rules.help.id, occurredOn: 'yesterday' }
		});
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe('validation');
		expect(slipsOf(w.home.household.id)).toEqual([]);
	});
});

describe('approving', () => {
	it('concurrent approvals of one slip post it once and credit it once', async () => {
		const w = makeSlipWorld();
		const slip = reportSlip(w.leader, {
			memberId: w.home.head.id,
			ruleId: w.rules.help.id,
			occurredOn: '2026-05-01'
		});
		const results = await Promise.all(
			[w.committee, w.committee2, w.committee, w.committee2].map((viewer, i) =>
				callEndpoint(api.approveSlipEndpoint, {
					viewer,
					params: { id: String(slip.id) },
					headers: { 'idempotency-key': `approve-${slip.id}-${i}` }
				})
			)
		);
		expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
		expect(results.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual([
			'slip_not_pending',
			'slip_not_pending',
			'slip_not_pending'
		]);
		const end = new Date(Date.now() + 8 * DAY);
		creditDueSlips(end);
		creditDueSlips(end);
		expect(slipEntries(slip.id)).toHaveLength(1);
		expect(balance(w.home.household.id)).toBe(5);
		expectLedgerInvariants();
	});

	it('GET /slips lists by status; check, reject; other villages get not_found', async () => {
		const w = makeSlipWorld();
		const other = makeSlipWorld();
		const reported = reportSlip(w.home.viewer, {
			memberId: w.home.head.id,
			ruleId: w.rules.help.id,
			occurredOn: '2026-05-01'
		});
		const list = await callEndpoint(api.listSlipsEndpoint, {
			viewer: w.committee,
			query: { status: 'reported' }
		});
		expect(list.body.map((s: { id: number }) => s.id)).toEqual([reported.id]);
		const checked = await callEndpoint(api.checkSlipEndpoint, {
			viewer: w.leader,
			params: { id: String(reported.id) }
		});
		expect(checked.body.status).toBe('checked');
		for (const def of [api.approveSlipEndpoint, api.rejectSlipEndpoint]) {
			const res = await callEndpoint(def, {
				viewer: other.committee,
				params: { id: String(reported.id) },
				body: { reason: '不属实' }
			});
			expect(res.status).toBe(404);
			expect(res.body.error.code).toBe('not_found');
		}
		const rejected = await callEndpoint(api.rejectSlipEndpoint, {
			viewer: w.committee,
			params: { id: String(reported.id) },
			body: { reason: '不属实' }
		});
		expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '不属实' });
	});

	it('GET /notice is public and masked', async () => {
		const w = makeSlipWorld();
		const slip = reportSlip(w.leader, {
			memberId: w.home.head.id,
			ruleId: w.rules.help.id,
			occurredOn: '2026-05-01'
		});
		approveSlip(w.committee, slip.id);
		const res = await callEndpoint(api.noticeEndpoint, {
			viewer: null,
			query: { village: w.village.code }
		});
		expect(res.status).toBe(200);
		expect(res.body.items).toEqual([
			expect.objectContaining({ id: slip.id, memberName: '张*安', points: 5 })
		]);
		expect(JSON.stringify(res.body)).not.toMatch(/张小安|note|phone/);
		const missing = await callEndpoint(api.noticeEndpoint, { query: { village: 'nowhere' } });
		expect(missing.status).toBe(404);
	});
});

describe('公示 credit after downtime', () => {
	it('catches up once the clock has passed the end, and never credits twice', () => {
		const w = makeSlipWorld({ noticeDays: 7 });
		const t0 = new Date('2026-04-01T09:00:00Z');
		const slips = [w.home, w.neighbour].map((h) =>
			reportSlip(w.leader, {
				memberId: h.head.id,
				ruleId: w.rules.help.id,
				occurredOn: '2026-03-30'
			})
		);
		for (const s of slips) approveSlip(w.committee, s.id, t0);
		// The server was off from day 2 to day 20: on start it credits both, once.
		const restart = new Date(t0.getTime() + 20 * DAY);
		creditDueSlips(restart);
		creditDueSlips(restart);
		creditDueSlips(new Date(restart.getTime() + 60_000));
		for (const s of slips) {
			expect(slipEntries(s.id)).toHaveLength(1);
			expect(slipEntries(s.id)[0]?.createdAt.getTime()).toBe(restart.getTime());
		}
		expect(balance(w.home.household.id)).toBe(5);
		expect(balance(w.neighbour.household.id)).toBe(5);
		expectLedgerInvariants();
	});
});
