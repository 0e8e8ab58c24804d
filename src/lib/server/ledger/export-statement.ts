import type { Viewer } from '$lib/server/auth/viewer';
import { toXlsx, CONTENT_TYPES, type Download } from '$lib/server/import/write-sheet';
import * as m from '$lib/paraglide/messages';
import { displayRow, signed } from './display';
import { fullStatement } from './full-statement';

/**
 * A household's whole statement as an .xlsx: the entries sheet (newest first, with the running
 * balance, exactly as the statement page shows them) and a summary sheet.
 */
export async function exportStatement(
	viewer: Viewer | null,
	householdId: number
): Promise<Download> {
	const s = fullStatement(viewer, householdId);
	const rows = s.entries.map(displayRow);
	const body = await toXlsx([
		{
			name: m.points_xlsx_entries_sheet(),
			header: true,
			widths: [18, 8, 8, 8, 10, 30, 22, 30, 14],
			rows: [
				[
					m.points_col_date(),
					m.points_col_kind(),
					m.points_col_points(),
					m.points_col_balance(),
					m.points_col_member(),
					m.points_col_rule(),
					m.points_col_source(),
					m.points_col_note(),
					m.points_col_actor()
				],
				...rows.map((r) => [
					r.at,
					r.kindLabel,
					r.points,
					String(r.balanceAfter),
					r.member,
					r.rule,
					r.source,
					r.note,
					r.actor
				])
			]
		},
		{
			name: m.points_xlsx_summary_sheet(),
			widths: [20, 30],
			rows: [
				[m.points_village(), s.household.villageName],
				[m.points_household_number(), s.household.number],
				[m.points_head(), s.household.headName ?? ''],
				[m.points_balance(), String(s.balance)],
				[m.points_earned_to_date(), String(s.earnedToDate)],
				[m.points_entry_count(), String(s.entryCount)],
				[],
				[m.points_by_member(), ''],
				...s.byMember.map((b) => [b.name ?? m.points_whole_household(), signed(b.points)])
			]
		}
	]);
	const name = `积分对账单-${s.household.number}`;
	return {
		fileName: `${name}.xlsx`,
		asciiName: `statement-${s.household.number.replace(/[^\w-]/g, '_')}.xlsx`,
		contentType: CONTENT_TYPES.xlsx,
		body
	};
}
