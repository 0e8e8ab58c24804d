/**
 * The shop's monthly report over fixed data across two months (March and April 2026): month
 * boundaries in village time (UTC+8), the stock book consistent with its movements from month to
 * month, the points liability, permissions, the JSON API and the .xlsx export.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadViewer, type Viewer } from '$lib/server/auth/viewer';
import { shopMonthlyReportEndpoint } from '$lib/server/api/endpoints/shopreport';
import { DomainError, type ErrorCode } from '$lib/server/errors';
import { cancelOrder } from '$lib/server/shop/cancel-order';
import { decideStockCount } from '$lib/server/shop/decide-stock-count';
import { handOverOrder } from '$lib/server/shop/hand-over-order';
import { placeOrder } from '$lib/server/shop/place-order';
import { recordStockIn } from '$lib/server/shop/record-stock-in';
import { recordStocktake } from '$lib/server/shop/record-stocktake';
import { exportMonthlyReport } from '$lib/server/shop/report/export-monthly-report';
import { getMonthlyReport } from '$lib/server/shop/report/get-monthly-report';
import { saveItem } from '$lib/server/shop/save-item';
import * as m from '$lib/paraglide/messages';
import { makeUser } from '../factories';
import { callEndpoint } from './api-helpers';
import { expectLedgerInvariants, post } from './ledger-helpers';
import { expectStockInvariants, makeShopWorld, stockOf, type ShopWorld } from './shop-helpers';

afterEach(() => {
	expectLedgerInvariants();
	expectStockInvariants();
});

function refused(code: ErrorCode, fn: () => unknown): void {
	let caught: unknown;
	try {
		fn();
	} catch (e) {
		caught = e;
	}
	expect(caught).toBeInstanceOf(DomainError);
	expect((caught as DomainError).code).toBe(code);
}

/** A UTC instant given as village time (UTC+8). */
const cst = (local: string) => new Date(`${local}+08:00`);

type World = ShopWorld & { rice: number; oil: number; soap: number; after: Date };

/**
 * February: points earned (3000, 2000, 500) and the first goods bought (大米 ×10, 食用油 ×5).
 * March: a donation of rice; household 0 redeems rice ×2 (handed over in March); household 1
 * orders oil and cancels, then orders oil ×2 one second before April (village time), handed over
 * at April's first instant; a stocktake counted in March is confirmed in April. April: a donation
 * of oil; household 0 orders rice ×1, still waiting at the month's end.
 */
function makeWorld(): World {
	const w = makeShopWorld({}, [0, 0, 0]);
	const [h0, h1, h2] = w.homes as [
		ShopWorld['homes'][0],
		ShopWorld['homes'][0],
		ShopWorld['homes'][0]
	];
	const feb = cst('2026-02-20T10:00:00');
	post({ villageId: w.village.id, householdId: h0.household.id, points: 3000, at: feb });
	post({ villageId: w.village.id, householdId: h1.household.id, points: 2000, at: feb });
	post({ villageId: w.village.id, householdId: h2.household.id, points: 500, at: feb });
	const item = (name: string, pointsPrice: number) =>
		saveItem(w.committee, null, { name, category: '粮油', pointsPrice, active: true }).id;
	const rice = item('大米 5 公斤', 800);
	const oil = item('食用油 1 升', 600);
	// An item that never had stock: left out of the stock book.
	const soap = item('香皂', 700);
	const buy = (itemId: number, quantity: number, at: Date) =>
		recordStockIn(w.shopkeeper, { itemId, kind: 'purchase', quantity }, at);
	buy(rice, 10, cst('2026-02-25T09:00:00'));
	buy(oil, 5, cst('2026-02-25T09:00:00'));

	recordStockIn(
		w.shopkeeper,
		{
			itemId: rice,
			kind: 'donation',
			quantity: 4,
			donor: '柳河镇农商银行',
			fundingSource: '共建单位',
			valueYuan: 300
		},
		cst('2026-03-03T10:00:00')
	);
	const o1 = placeOrder(
		h0.viewer,
		{ lines: [{ itemId: rice, quantity: 2 }] },
		{ now: cst('2026-03-05T10:00:00') }
	);
	handOverOrder(w.shopkeeper, { orderId: o1.id }, cst('2026-03-06T10:00:00'));
	const o2 = placeOrder(
		h1.viewer,
		{ lines: [{ itemId: oil, quantity: 1 }] },
		{ now: cst('2026-03-10T10:00:00') }
	);
	cancelOrder(w.shopkeeper, o2.id, { reason: '不要了' }, { now: cst('2026-03-11T10:00:00') });
	const o3 = placeOrder(
		h1.viewer,
		{ lines: [{ itemId: oil, quantity: 2 }] },
		{ now: cst('2026-03-31T23:59:59') }
	);
	const count = recordStocktake(
		w.shopkeeper,
		{ itemId: rice, counted: 11, reason: '一袋受潮' },
		cst('2026-03-28T10:00:00')
	);
	handOverOrder(w.shopkeeper, { orderId: o3.id }, cst('2026-04-01T00:00:00'));
	decideStockCount(w.committee, count.count!.id, { confirm: true }, cst('2026-04-02T10:00:00'));

	recordStockIn(
		w.shopkeeper,
		{ itemId: oil, kind: 'donation', quantity: 3, donor: '张大爷', fundingSource: '社会捐赠' },
		cst('2026-04-10T10:00:00')
	);
	placeOrder(
		h0.viewer,
		{ lines: [{ itemId: rice, quantity: 1 }] },
		{ now: cst('2026-04-12T10:00:00') }
	);
	return { ...w, rice, oil, soap, after: cst('2026-05-05T10:00:00') };
}

describe('monthly report', () => {
	it('March: redemptions handed over in March, the stock book, donations and the liability at its end', () => {
		const w = makeWorld();
		const [h0] = w.homes;
		const r = getMonthlyReport(w.committee, w.village.id, { month: '2026-03' }, w.after);
		expect(r.month).toBe('2026-03');
		expect(r.start).toBe('2026-02-28T16:00:00.000Z');
		expect(r.end).toBe('2026-03-31T16:00:00.000Z');
		expect(r.village).toEqual({ id: w.village.id, name: w.village.name });

		// Household 1's oil was handed over at April's first instant: not March's.
		expect(r.redemptions).toEqual({
			orders: 1,
			units: 2,
			points: 1600,
			byItem: [
				{ itemId: w.rice, name: '大米 5 公斤', category: '粮油', quantity: 2, points: 1600 }
			],
			byHousehold: [
				{
					householdId: h0!.household.id,
					number: h0!.household.number,
					headName: h0!.head.name,
					orders: 1,
					units: 2,
					points: 1600
				}
			]
		});

		// The order placed one second before April took its oil off the shelf in March.
		expect(r.stock).toEqual([
			{
				itemId: w.oil,
				name: '食用油 1 升',
				active: true,
				pointsPrice: 600,
				opening: 5,
				purchased: 0,
				donated: 0,
				returned: 1,
				redeemed: 3,
				corrected: 0,
				closing: 3,
				closingPoints: 1800
			},
			{
				itemId: w.rice,
				name: '大米 5 公斤',
				active: true,
				pointsPrice: 800,
				opening: 10,
				purchased: 0,
				donated: 4,
				returned: 0,
				redeemed: 2,
				corrected: 0,
				closing: 12,
				closingPoints: 9600
			}
		]);
		expect(r.stock.map((s) => s.itemId)).not.toContain(w.soap);

		expect(r.donations).toMatchObject({
			units: 4,
			valueYuan: 300,
			list: [
				{
					donor: '柳河镇农商银行',
					fundingSource: '共建单位',
					itemName: '大米 5 公斤',
					quantity: 4,
					valueYuan: 300,
					createdAt: '2026-03-03T02:00:00.000Z'
				}
			]
		});

		// 5500 earned − 1600 redeemed; the oil order open at the month's end holds 1200.
		expect(r.liability).toEqual({
			asOf: r.end,
			households: 3,
			balance: 3900,
			reserved: 1200,
			unreserved: 2700,
			stockUnits: 15,
			stockPoints: 11_400,
			coverage: 4.2222
		});
	});

	it('April: opens where March closed and closes on the stock the shelf has now', () => {
		const w = makeWorld();
		const h1 = w.homes[1]!;
		const march = getMonthlyReport(w.committee, w.village.id, { month: '2026-03' }, w.after);
		const april = getMonthlyReport(w.shopkeeper, w.village.id, { month: '2026-04' }, w.after);
		for (const row of april.stock) {
			const before = march.stock.find((s) => s.itemId === row.itemId);
			expect(row.opening).toBe(before?.closing ?? 0);
			expect(row.closing).toBe(
				row.opening + row.purchased + row.donated + row.returned - row.redeemed + row.corrected
			);
			// Nothing moved after April: its closing stock is the stock now.
			expect(row.closing).toBe(stockOf(row.itemId));
		}
		expect(april.stock.find((s) => s.itemId === w.rice)).toMatchObject({
			opening: 12,
			redeemed: 1,
			corrected: -1,
			closing: 10
		});
		expect(april.stock.find((s) => s.itemId === w.oil)).toMatchObject({
			opening: 3,
			donated: 3,
			closing: 6
		});

		expect(april.redemptions.byHousehold).toEqual([
			expect.objectContaining({ householdId: h1.household.id, orders: 1, units: 2, points: 1200 })
		]);
		expect(april.donations).toMatchObject({
			units: 3,
			valueYuan: 0,
			list: [{ donor: '张大爷', fundingSource: '社会捐赠', valueYuan: null }]
		});
		// 3900 − 1200; household 0's rice order (800) is still open.
		expect(april.liability).toMatchObject({
			balance: 2700,
			reserved: 800,
			unreserved: 1900,
			stockUnits: 16,
			stockPoints: 11_600,
			coverage: 6.1053
		});
		expect(april.liability.households).toBe(3);
	});

	it('defaults to the village-time month of now; the current month is as of now', () => {
		const w = makeWorld();
		// 2026-04-30 20:00 UTC is already May 1st in the village.
		const now = new Date('2026-04-30T20:00:00Z');
		const r = getMonthlyReport(w.committee, w.village.id, {}, now);
		expect(r.month).toBe('2026-05');
		expect(r.liability.asOf).toBe(now.toISOString());
		expect(r.redemptions.orders).toBe(0);
		expect(getMonthlyReport(w.committee, w.village.id, { month: '' }, now).month).toBe('2026-05');
	});

	it('refuses a malformed month, villagers, the town admin, and other villages', () => {
		const w = makeWorld();
		refused('validation', () => getMonthlyReport(w.committee, w.village.id, { month: '2026-13' }));
		refused('validation', () => getMonthlyReport(w.committee, w.village.id, { month: '3/2026' }));
		refused('forbidden', () => getMonthlyReport(w.homes[0]!.viewer, w.village.id));
		refused('unauthenticated', () => getMonthlyReport(null, w.village.id));
		const town = loadViewer(makeUser({ isTownAdmin: true, villageId: null }));
		refused('forbidden', () => getMonthlyReport(town, w.village.id));
		const other = makeShopWorld();
		refused('not_found', () => getMonthlyReport(other.committee, w.village.id));
		refused('not_found', () => getMonthlyReport(other.shopkeeper, w.village.id));
	});
});

describe('GET /villages/{id}/shop/report', () => {
	const call = (viewer: Viewer | null, villageId: number, month?: string) =>
		callEndpoint(shopMonthlyReportEndpoint, {
			viewer,
			params: { id: String(villageId) },
			query: month === undefined ? {} : { month }
		});

	it('answers the same report as JSON; refuses as the service does', async () => {
		const w = makeWorld();
		const ok = await call(w.committee, w.village.id, '2026-03');
		expect(ok.status).toBe(200);
		expect(ok.body.month).toBe('2026-03');
		expect(ok.body.redemptions.points).toBe(1600);
		expect(ok.body.liability.stockPoints).toBe(11_400);
		expect((await call(w.homes[0]!.viewer, w.village.id, '2026-03')).status).toBe(403);
		expect((await call(null, w.village.id)).status).toBe(401);
		expect((await call(w.committee, w.village.id, '2026-3')).status).toBe(400);
		const other = makeShopWorld();
		const hidden = await call(other.committee, w.village.id, '2026-03');
		expect(hidden.status).toBe(404);
		expect(hidden.body.error.code).toBe('not_found');
	});
});

describe('xlsx export', () => {
	it('has one sheet per section and reads back with the figures', async () => {
		const w = makeWorld();
		const file = await exportMonthlyReport(
			w.committee,
			w.village.id,
			{ month: '2026-03' },
			w.after
		);
		expect(file.asciiName).toBe('shop-report-2026-03.xlsx');
		expect(file.fileName).toContain('2026-03');
		expect(file.contentType).toMatch(/spreadsheetml/);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(file.body as unknown as ArrayBuffer);
		expect(book.worksheets.map((s) => s.name)).toEqual([
			m.shopreport_sheet_by_item(),
			m.shopreport_sheet_by_household(),
			m.shopreport_sheet_stock(),
			m.shopreport_sheet_donations(),
			m.shopreport_sheet_liability()
		]);
		const values = (sheet: number, row: number) =>
			(book.worksheets[sheet]!.getRow(row).values as unknown[]).slice(1);
		expect(values(0, 2)).toEqual(['大米 5 公斤', '粮油', '2', '1600']);
		expect(values(1, 2)).toEqual([
			w.homes[0]!.household.number,
			w.homes[0]!.head.name,
			'1',
			'2',
			'1600'
		]);
		expect(values(2, 3)).toEqual([
			'大米 5 公斤',
			'800',
			'10',
			'0',
			'4',
			'0',
			'2',
			'0',
			'12',
			'9600'
		]);
		expect(values(3, 2)).toEqual([
			'2026-03-03',
			'柳河镇农商银行',
			'共建单位',
			'大米 5 公斤',
			'4',
			'300'
		]);
		const liability = book.worksheets[4]!;
		expect((liability.getRow(2).values as unknown[]).slice(1)).toEqual([
			m.shopreport_col_as_of(),
			'2026-03-31'
		]);
		expect((liability.getRow(9).values as unknown[]).slice(1)).toEqual([
			m.shopreport_liability_coverage(),
			'422.2%'
		]);
	});

	it('is refused like the report', async () => {
		const w = makeWorld();
		await expect(exportMonthlyReport(w.homes[0]!.viewer, w.village.id)).rejects.toMatchObject({
			code: 'forbidden'
		});
		const other = makeShopWorld();
		await expect(exportMonthlyReport(other.committee, w.village.id)).rejects.toMatchObject({
			code: 'not_found'
		});
	});
});
