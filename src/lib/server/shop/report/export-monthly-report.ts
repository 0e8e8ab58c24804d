import type { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { CONTENT_TYPES, toXlsx, type Download } from '$lib/server/import/write-sheet';
import * as m from '$lib/paraglide/messages';
import { getMonthlyReport } from './get-monthly-report';
import { asOfDate, reportDate, reportPercent } from '$lib/shopreport/format';
import type { ZReportQuery } from './schemas';

const s = String;

/**
 * The monthly report as an .xlsx, one sheet per section of the page: redemptions by item and by
 * household, the stock book, donations, and the points against the stock.
 */
export async function exportMonthlyReport(
	viewer: Viewer | null,
	villageId: number,
	raw: z.input<typeof ZReportQuery> = {},
	now: Date = new Date()
): Promise<Download> {
	const r = getMonthlyReport(viewer, villageId, raw, now);
	const red = r.redemptions;
	const l = r.liability;
	const body = await toXlsx([
		{
			name: m.shopreport_sheet_by_item(),
			header: true,
			widths: [24, 12, 10, 12],
			rows: [
				[
					m.shopreport_col_item(),
					m.shopreport_col_category(),
					m.shopreport_col_quantity(),
					m.shopreport_col_points()
				],
				...red.byItem.map((i) => [i.name, i.category, s(i.quantity), s(i.points)]),
				[m.shopreport_total(), '', s(red.units), s(red.points)]
			]
		},
		{
			name: m.shopreport_sheet_by_household(),
			header: true,
			widths: [12, 12, 10, 10, 12],
			rows: [
				[
					m.shopreport_col_household(),
					m.shopreport_col_head(),
					m.shopreport_col_orders(),
					m.shopreport_col_units(),
					m.shopreport_col_points()
				],
				...red.byHousehold.map((h) => [
					h.number,
					h.headName ?? '',
					s(h.orders),
					s(h.units),
					s(h.points)
				]),
				[m.shopreport_total(), '', s(red.orders), s(red.units), s(red.points)]
			]
		},
		{
			name: m.shopreport_sheet_stock(),
			header: true,
			widths: [24, 10, 10, 8, 8, 8, 10, 10, 10, 14],
			rows: [
				[
					m.shopreport_col_item(),
					m.shopreport_col_price(),
					m.shopreport_col_opening(),
					m.shopreport_col_purchased(),
					m.shopreport_col_donated(),
					m.shopreport_col_returned(),
					m.shopreport_col_redeemed(),
					m.shopreport_col_corrected(),
					m.shopreport_col_closing(),
					m.shopreport_col_closing_points()
				],
				...r.stock.map((i) => [
					i.active ? i.name : i.name + m.shopreport_inactive(),
					s(i.pointsPrice),
					s(i.opening),
					s(i.purchased),
					s(i.donated),
					s(i.returned),
					s(i.redeemed),
					s(i.corrected),
					s(i.closing),
					s(i.closingPoints)
				])
			]
		},
		{
			name: m.shopreport_sheet_donations(),
			header: true,
			widths: [12, 24, 12, 24, 8, 12],
			rows: [
				[
					m.shopreport_col_date(),
					m.shopreport_col_donor(),
					m.shopreport_col_source(),
					m.shopreport_col_item(),
					m.shopreport_col_quantity(),
					m.shopreport_col_value()
				],
				...r.donations.list.map((d) => [
					reportDate(d.createdAt),
					d.donor,
					d.fundingSource,
					d.itemName,
					s(d.quantity),
					d.valueYuan === null ? '' : s(d.valueYuan)
				]),
				[m.shopreport_total(), '', '', '', s(r.donations.units), s(r.donations.valueYuan)]
			]
		},
		{
			name: m.shopreport_sheet_liability(),
			header: true,
			widths: [30, 16],
			rows: [
				[m.shopreport_col_figure(), m.shopreport_col_amount()],
				[m.shopreport_col_as_of(), asOfDate(l.asOf)],
				[m.shopreport_liability_households(), s(l.households)],
				[m.shopreport_liability_balance(), s(l.balance)],
				[m.shopreport_liability_reserved(), s(l.reserved)],
				[m.shopreport_liability_unreserved(), s(l.unreserved)],
				[m.shopreport_liability_stock_units(), s(l.stockUnits)],
				[m.shopreport_liability_stock_points(), s(l.stockPoints)],
				[m.shopreport_liability_coverage(), reportPercent(l.coverage)]
			]
		}
	]);
	return {
		fileName: `${m.shopreport_file_name({ village: r.village.name, month: r.month })}.xlsx`,
		asciiName: `shop-report-${r.month}.xlsx`,
		contentType: CONTENT_TYPES.xlsx,
		body
	};
}
