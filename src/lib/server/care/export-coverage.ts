import type { Viewer } from '$lib/server/auth/viewer';
import { CONTENT_TYPES, toXlsx, type Download } from '$lib/server/import/write-sheet';
import * as m from '$lib/paraglide/messages';
import { tierLabel } from '$lib/care/labels';
import { careCoverage } from './coverage-report';

/** The month's coverage as an .xlsx for the committee: one sheet of elders, one of visits. */
export async function exportCoverage(
	viewer: Viewer | null,
	villageId: number,
	options: { month?: string | null; now?: Date } = {}
): Promise<Download> {
	const report = careCoverage(viewer, villageId, options);
	const yes = m.care_yes();
	const no = m.care_no();
	const body = await toXlsx([
		{
			name: m.care_sheet_elders(),
			header: true,
			widths: [10, 12, 14, 8, 14, 10, 10],
			rows: [
				[
					m.care_col_name(),
					m.care_col_household(),
					m.care_col_group(),
					m.care_col_tier(),
					m.care_col_last_visit(),
					m.care_col_on_schedule(),
					m.care_col_visits_in_month()
				],
				...report.rows.map((r) => [
					r.name,
					r.householdNumber,
					r.groupName ?? '',
					tierLabel(r.tier),
					r.lastVisitedOn ?? '',
					r.onSchedule ? yes : no,
					String(r.visitsInMonth)
				])
			]
		},
		{
			name: m.care_sheet_visits(),
			header: true,
			widths: [12, 10, 10, 16, 8, 24, 24, 24, 24, 8],
			rows: [
				[
					m.care_col_date(),
					m.care_col_name(),
					m.care_col_visitor(),
					m.care_col_team(),
					m.care_col_hours(),
					m.care_health(),
					m.care_safety(),
					m.care_living(),
					m.care_needs(),
					m.care_col_follow_up()
				],
				...report.visits.map((v) => [
					v.visitedOn,
					v.elderName,
					v.visitorName,
					v.teamName ?? '',
					v.halfHours ? String(v.halfHours / 2) : '',
					v.health,
					v.safety,
					v.living,
					v.needs,
					v.followUp ? yes : no
				])
			]
		}
	]);
	return {
		fileName: `${m.care_export_file()}-${report.month}.xlsx`,
		asciiName: `care-visits-${report.month}.xlsx`,
		contentType: CONTENT_TYPES.xlsx,
		body
	};
}
