import type { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import type { Viewer } from '$lib/server/auth/viewer';
import { CONTENT_TYPES, toXlsx, type Download } from '$lib/server/import/write-sheet';
import { teamTypeLabel } from '$lib/teams/labels';
import { hoursReport, type ZHoursQuery } from './hours-report';

/** The hours report as an .xlsx for the committee: one sheet each by team, member and month. */
export async function exportHours(
	viewer: Viewer | null,
	villageId: number,
	raw: z.input<typeof ZHoursQuery> = {},
	now: Date = new Date()
): Promise<Download> {
	const report = hoursReport(viewer, villageId, raw, now);
	const body = await toXlsx([
		{
			name: m.teams_report_by_team(),
			header: true,
			widths: [20, 10, 10, 12],
			rows: [
				[m.teams_col_team(), m.teams_col_type(), m.teams_col_hours(), m.teams_col_members()],
				...report.byTeam.map((t) => [
					t.name,
					teamTypeLabel(t.type),
					String(t.hours),
					String(t.members)
				])
			]
		},
		{
			name: m.teams_report_by_member(),
			header: true,
			widths: [10, 12, 20, 10],
			rows: [
				[m.teams_col_name(), m.teams_col_household(), m.teams_col_team(), m.teams_col_hours()],
				...report.byMember.map((p) => [p.name, p.householdNumber, p.teamName, String(p.hours)])
			]
		},
		{
			name: m.teams_report_by_month(),
			header: true,
			widths: [10, 10],
			rows: [
				[m.teams_col_month(), m.teams_col_hours()],
				...report.byMonth.map((r) => [r.month, String(r.hours)])
			]
		}
	]);
	return {
		fileName: `${m.teams_report_file()}-${report.period}.xlsx`,
		asciiName: `volunteer-hours-${report.period}.xlsx`,
		contentType: CONTENT_TYPES.xlsx,
		body
	};
}
