import { and, asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { loadViewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import {
	feedEvents,
	households,
	ledgerEntries,
	pointExpiries,
	shopOrders,
	type Village
} from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import {
	cutoffsAfter,
	lapsesOn,
	lastCutoffOnOrBefore,
	villageDay
} from '$lib/server/ledger/expiry-policy';
import { getExpiryWarnings } from '$lib/server/ledger/get-expiry-warnings';
import { listExpiries } from '$lib/server/ledger/list-expiries';
import { runExpiry } from '$lib/server/ledger/run-expiry';
import {
	householdExpiryWarningsEndpoint,
	listExpiriesEndpoint
} from '$lib/server/api/endpoints/expiry';
import { makeFamily, makeUser, makeVillage } from '../factories';
import { callEndpoint } from './api-helpers';
import { expectLedgerInvariants, post } from './ledger-helpers';

afterEach(() => expectLedgerInvariants());

/** A moment of village (Asia/Shanghai) time. */
const at = (local: string) => new Date(`${local}+08:00`);

function world(values: Partial<Village>) {
	const village = makeVillage(values);
	const { household, head } = makeFamily({ villageId: village.id });
	return { village, household, head };
}
const earn = (householdId: number, villageId: number, points: number, when: string) =>
	post({ villageId, householdId, points, at: at(when) });
const spend = (householdId: number, villageId: number, points: number, when: string) =>
	post({ villageId, householdId, points: -points, kind: 'redeem', at: at(when) });

const rowsOf = (householdId: number) =>
	db
		.select()
		.from(pointExpiries)
		.where(eq(pointExpiries.householdId, householdId))
		.orderBy(asc(pointExpiries.cutoff))
		.all();
const expireEntries = (householdId: number) =>
	db
		.select()
		.from(ledgerEntries)
		.where(and(eq(ledgerEntries.householdId, householdId), eq(ledgerEntries.kind, 'expire')))
		.all();
const feedOf = (householdId: number) =>
	db
		.select({ type: feedEvents.type, payload: feedEvents.payload })
		.from(feedEvents)
		.where(eq(feedEvents.room, `household:${householdId}`))
		.orderBy(asc(feedEvents.id))
		.all();
const balanceOf = (householdId: number) =>
	db.select().from(households).where(eq(households.id, householdId)).get()?.balance;

describe('expiry policy (pure)', () => {
	it('finds cutoffs in village time', () => {
		// 23:30 UTC on Dec 30 is already Dec 31 in the village.
		expect(villageDay(new Date('2026-12-30T23:30:00Z'))).toBe('2026-12-31');
		const yearly = { expiryPolicy: 'yearly', expiryDate: '12-31', expiryYears: null } as const;
		expect(lastCutoffOnOrBefore(yearly, '2026-12-30')).toBe('2025-12-31');
		expect(lastCutoffOnOrBefore(yearly, '2026-12-31')).toBe('2026-12-31');
		expect(cutoffsAfter(yearly, '2026-12-01', '2027-12-31')).toEqual(['2026-12-31', '2027-12-31']);
		const monthly = { expiryPolicy: 'after_years', expiryDate: null, expiryYears: 2 } as const;
		expect(lastCutoffOnOrBefore(monthly, '2026-12-15')).toBe('2026-12-01');
		expect(cutoffsAfter(monthly, '2026-12-01', '2027-02-01')).toEqual(['2027-01-01', '2027-02-01']);
		const never = { expiryPolicy: 'never', expiryDate: null, expiryYears: null } as const;
		expect(lastCutoffOnOrBefore(never, '2026-12-15')).toBeNull();
		expect(lapsesOn('2026-12-31', '2026-12-01', 30)).toBe('2026-12-31');
		expect(lapsesOn('2026-12-31', '2027-01-05', 30)).toBe('2027-02-04');
	});
});

describe('runExpiry', () => {
	it('never: nothing is warned or lapses', () => {
		const w = world({ expiryPolicy: 'never' });
		earn(w.household.id, w.village.id, 40, '2020-03-01T10:00:00');
		runExpiry(at('2026-12-31T08:00:00'));
		runExpiry(at('2031-01-01T08:00:00'));
		expect(rowsOf(w.household.id)).toEqual([]);
		expect(balanceOf(w.household.id)).toBe(40);
	});

	it('yearly: warns once in the warning period, lapses the right amount at the cutoff, once', () => {
		const w = world({ expiryPolicy: 'yearly', expiryDate: '12-31', expiryWarnDays: 30 });
		const h = w.household.id;
		earn(h, w.village.id, 50, '2026-03-01T10:00:00');
		spend(h, w.village.id, 20, '2026-06-01T10:00:00');

		// Before the warning period: nothing.
		runExpiry(at('2026-11-30T23:00:00'));
		expect(rowsOf(h)).toEqual([]);

		runExpiry(at('2026-12-01T00:30:00'));
		runExpiry(at('2026-12-10T09:00:00'));
		expect(rowsOf(h)).toMatchObject([{ cutoff: '2026-12-31', warnedPoints: 30, expiredAt: null }]);
		expect(feedOf(h)).toEqual([
			{ type: 'points_expiring', payload: { points: 30, cutoff: '2026-12-31' } }
		]);
		const viewer = loadViewer(makeUser({ memberId: w.head.id }));
		expect(getExpiryWarnings(viewer, h)).toEqual([{ points: 30, lapsesOn: '2026-12-31' }]);

		// The day before the cutoff the points are still there; points earned on it are safe.
		runExpiry(at('2026-12-30T23:59:00'));
		expect(balanceOf(h)).toBe(30);
		earn(h, w.village.id, 7, '2026-12-31T00:10:00');

		runExpiry(at('2026-12-31T01:00:00'));
		runExpiry(at('2026-12-31T02:00:00'));
		runExpiry(at('2027-01-15T02:00:00'));
		expect(expireEntries(h)).toMatchObject([
			{ points: -30, sourceType: 'expiry', sourceId: rowsOf(h)[0]?.id, balanceAfter: 7 }
		]);
		expect(rowsOf(h)).toMatchObject([{ expiredPoints: 30 }]);
		expect(rowsOf(h)[0]?.expiredAt).toBeInstanceOf(Date);
		expect(balanceOf(h)).toBe(7);
		expect(feedOf(h).map((e) => e.type)).toEqual(['points_expiring', 'points_expired']);
		expect(feedOf(h)[1]?.payload).toEqual({ points: 30 });
		expectLedgerInvariants();
	});

	it('a household that spends its points before the cutoff loses only what is left', () => {
		const w = world({ expiryPolicy: 'yearly', expiryDate: '06-30', expiryWarnDays: 10 });
		const h = w.household.id;
		earn(h, w.village.id, 25, '2026-01-05T10:00:00');
		runExpiry(at('2026-06-21T08:00:00'));
		expect(rowsOf(h)).toMatchObject([{ cutoff: '2026-06-30', warnedPoints: 25 }]);
		spend(h, w.village.id, 18, '2026-06-25T10:00:00');
		runExpiry(at('2026-06-30T08:00:00'));
		expect(expireEntries(h).map((e) => e.points)).toEqual([-7]);
		expect(balanceOf(h)).toBe(0);

		// Spending everything means nothing lapses, and no entry is posted.
		const v = world({ expiryPolicy: 'yearly', expiryDate: '06-30', expiryWarnDays: 10 });
		earn(v.household.id, v.village.id, 12, '2026-01-05T10:00:00');
		runExpiry(at('2026-06-21T08:00:00'));
		spend(v.household.id, v.village.id, 12, '2026-06-22T10:00:00');
		runExpiry(at('2026-06-30T08:00:00'));
		expect(expireEntries(v.household.id)).toEqual([]);
		expect(rowsOf(v.household.id)).toMatchObject([{ expiredPoints: 0 }]);
		expect(feedOf(v.household.id).map((e) => e.type)).toEqual(['points_expiring']);
	});

	it('points held for an open shop order don’t lapse: the handover can still post them', () => {
		const w = world({ expiryPolicy: 'yearly', expiryDate: '06-30', expiryWarnDays: 10 });
		const h = w.household.id;
		const shopper = makeUser({ memberId: w.head.id });
		earn(h, w.village.id, 30, '2026-01-05T10:00:00');
		runExpiry(at('2026-06-21T08:00:00'));
		// Ordered after the warning, to be picked up after the cutoff.
		const order = db
			.insert(shopOrders)
			.values({
				villageId: w.village.id,
				householdId: h,
				totalPoints: 12,
				pickupCode: '246810',
				placedBy: shopper.id
			})
			.returning()
			.get();
		expect(getExpiryWarnings(loadViewer(shopper), h)).toEqual([
			{ points: 18, lapsesOn: '2026-06-30' }
		]);
		runExpiry(at('2026-06-30T08:00:00'));
		expect(expireEntries(h).map((e) => e.points)).toEqual([-18]);
		// The handover, after the cutoff.
		post({
			villageId: w.village.id,
			householdId: h,
			points: -12,
			kind: 'redeem',
			source: { type: 'order', id: order.id },
			at: at('2026-07-02T10:00:00')
		});
		expect(balanceOf(h)).toBe(0);
	});

	it('catches up after downtime: a warned cutoff that passed lapses once on the next run', () => {
		const w = world({ expiryPolicy: 'yearly', expiryDate: '12-31', expiryWarnDays: 30 });
		const h = w.household.id;
		earn(h, w.village.id, 40, '2026-02-01T10:00:00');
		runExpiry(at('2026-12-05T08:00:00'));
		// Down from Dec 20 to Jan 20; points earned meanwhile (after the cutoff) don't lapse.
		earn(h, w.village.id, 9, '2027-01-10T10:00:00');
		runExpiry(at('2027-01-20T08:00:00'));
		runExpiry(at('2027-01-20T09:00:00'));
		expect(expireEntries(h).map((e) => e.points)).toEqual([-40]);
		expect(balanceOf(h)).toBe(9);
	});

	it('never warned before the cutoff: warned on the first run, lapses a full warning period later', () => {
		const w = world({ expiryPolicy: 'yearly', expiryDate: '12-31', expiryWarnDays: 30 });
		const h = w.household.id;
		earn(h, w.village.id, 40, '2026-02-01T10:00:00');
		runExpiry(at('2027-01-05T08:00:00'));
		expect(expireEntries(h)).toEqual([]);
		expect(rowsOf(h)).toMatchObject([{ cutoff: '2026-12-31', warnedPoints: 40, expiredAt: null }]);
		expect(feedOf(h)[0]?.payload).toEqual({ points: 40, cutoff: '2027-02-04' });
		runExpiry(at('2027-02-03T08:00:00'));
		expect(expireEntries(h)).toEqual([]);
		runExpiry(at('2027-02-04T08:00:00'));
		runExpiry(at('2027-02-05T08:00:00'));
		expect(expireEntries(h).map((e) => e.points)).toEqual([-40]);
		expect(rowsOf(h)).toHaveLength(1);
	});

	it('after_years: points lapse first-in-first-out on the first 1st of a month N years on', () => {
		const w = world({ expiryPolicy: 'after_years', expiryYears: 2, expiryWarnDays: 20 });
		const h = w.household.id;
		earn(h, w.village.id, 30, '2024-03-10T10:00:00');
		earn(h, w.village.id, 20, '2024-05-02T10:00:00');
		earn(h, w.village.id, 15, '2025-01-20T10:00:00');
		// Spending is taken from the oldest points: 10 of the March points are gone.
		spend(h, w.village.id, 10, '2025-06-01T10:00:00');

		// 2026-04-01: points earned before 2024-04-01 lapse (30 − 10 spent = 20).
		runExpiry(at('2026-03-20T08:00:00'));
		expect(rowsOf(h)).toMatchObject([{ cutoff: '2026-04-01', warnedPoints: 20 }]);
		runExpiry(at('2026-04-01T08:00:00'));
		expect(expireEntries(h).map((e) => e.points)).toEqual([-20]);

		// 2026-06-01: the May points.
		runExpiry(at('2026-05-15T08:00:00'));
		expect(rowsOf(h).map((r) => [r.cutoff, r.warnedPoints])).toEqual([
			['2026-04-01', 20],
			['2026-06-01', 20]
		]);
		runExpiry(at('2026-06-01T08:00:00'));
		runExpiry(at('2026-06-02T08:00:00'));
		expect(expireEntries(h).map((e) => e.points)).toEqual([-20, -20]);
		expect(balanceOf(h)).toBe(15);
		// Months with nothing due leave no rows.
		runExpiry(at('2026-09-01T08:00:00'));
		expect(rowsOf(h)).toHaveLength(2);
		expectLedgerInvariants();
	});

	it('warns each cutoff of a long warning period only for its own share', () => {
		const w = world({ expiryPolicy: 'after_years', expiryYears: 1, expiryWarnDays: 70 });
		const h = w.household.id;
		earn(h, w.village.id, 10, '2025-02-10T10:00:00');
		earn(h, w.village.id, 6, '2025-03-10T10:00:00');
		runExpiry(at('2026-02-01T08:00:00'));
		expect(rowsOf(h).map((r) => [r.cutoff, r.warnedPoints])).toEqual([
			['2026-03-01', 10],
			['2026-04-01', 6]
		]);
		runExpiry(at('2026-04-01T08:00:00'));
		expect(expireEntries(h).map((e) => e.points)).toEqual([-10, -6]);
		expect(balanceOf(h)).toBe(0);
	});

	it('lists warned expiries for the committee only', () => {
		const w = world({ expiryPolicy: 'yearly', expiryDate: '12-31', expiryWarnDays: 30 });
		const committee = loadViewer(makeUser({ villageId: w.village.id, roles: ['committee'] }));
		earn(w.household.id, w.village.id, 11, '2026-05-01T10:00:00');
		runExpiry(at('2026-12-02T08:00:00'));
		const list = listExpiries(committee, w.village.id, at('2026-12-02T09:00:00'));
		expect(list.policy).toMatchObject({ expiryPolicy: 'yearly', nextCutoff: '2026-12-31' });
		expect(list.upcoming).toMatchObject([
			{ householdId: w.household.id, points: 11, lapsesOn: '2026-12-31' }
		]);
		const other = makeVillage();
		const stranger = loadViewer(makeUser({ villageId: other.id, roles: ['committee'] }));
		expect(() => listExpiries(stranger, w.village.id)).toThrow(DomainError);
		const villager = loadViewer(makeUser({ memberId: w.head.id }));
		expect(() => listExpiries(villager, w.village.id)).toThrow(DomainError);
	});
});

describe('GET /api/v1/villages/{id}/expiries', () => {
	it('answers the committee of the village, not a villager', async () => {
		const w = world({ expiryPolicy: 'after_years', expiryYears: 3, expiryWarnDays: 30 });
		const committee = loadViewer(makeUser({ villageId: w.village.id, roles: ['committee'] }));
		const params = { id: String(w.village.id) };
		const ok = await callEndpoint(listExpiriesEndpoint, { viewer: committee, params });
		expect(ok.status).toBe(200);
		expect(ok.body).toMatchObject({
			policy: { expiryPolicy: 'after_years', expiryYears: 3 },
			upcoming: [],
			recent: []
		});
		const villager = loadViewer(makeUser({ memberId: w.head.id }));
		expect((await callEndpoint(listExpiriesEndpoint, { viewer: villager, params })).status).toBe(
			403
		);

		// The household's own view: its warnings.
		post({
			villageId: w.village.id,
			householdId: w.household.id,
			points: 8,
			at: at('2020-01-02T10:00:00')
		});
		runExpiry(at('2023-01-20T08:00:00'));
		const own = await callEndpoint(householdExpiryWarningsEndpoint, {
			viewer: villager,
			params: { id: String(w.household.id) }
		});
		expect(own).toMatchObject({ status: 200, body: [{ points: 8, lapsesOn: '2023-02-01' }] });
		const neighbour = loadViewer(
			makeUser({ memberId: makeFamily({ villageId: w.village.id }).head.id })
		);
		const refused = await callEndpoint(householdExpiryWarningsEndpoint, {
			viewer: neighbour,
			params: { id: String(w.household.id) }
		});
		expect(refused.status).toBe(403);
	});
});
