import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import * as m from '$lib/paraglide/messages';
import { teamHoursEndpoint } from '$lib/server/api/endpoints/teams';
import { correctRecord } from '$lib/server/teams/correct-record';
import { createTeam } from '$lib/server/teams/create-team';
import { exportHours } from '$lib/server/teams/export-hours';
import { hoursReport } from '$lib/server/teams/hours-report';
import { recordService } from '$lib/server/teams/record-service';
import { callEndpoint } from './api-helpers';
import { expectLedgerInvariants } from './ledger-helpers';
import { makeTeamWorld, refused } from './teams-helpers';

afterEach(() => expectLedgerInvariants());

/**
 * Team 1 (环境): a serves 3 h on 03-31 (corrected down by 1 h) and 2 h on 04-01; b serves 1.5 h
 * on 04-01. Team 2 (消防, led by b): b serves 4 h on 2026-12-31. c serves 1 h on 2025-12-31,
 * outside 2026. Another village's records never appear.
 */
function world() {
	const w = makeTeamWorld(3);
	const [a, b, c] = w.volunteers;
	const rec = (teamId: number, memberId: number, halfHours: number, serviceDate: string) =>
		recordService(w.committee, teamId, { memberId, halfHours, content: '服务', serviceDate });
	const march = rec(w.teamId, a.head.id, 6, '2026-03-31');
	correctRecord(w.committee, march.id, { halfHours: -2, reason: '多记了一小时' });
	rec(w.teamId, a.head.id, 4, '2026-04-01');
	rec(w.teamId, b.head.id, 3, '2026-04-01');
	rec(w.teamId, c.head.id, 2, '2025-12-31');
	const fire = createTeam(w.committee, {
		name: `消防队${w.village.id}`,
		type: '消防',
		description: '',
		leaderMemberId: b.head.id
	});
	rec(fire.id, b.head.id, 8, '2026-11-30');
	const other = makeTeamWorld(1);
	recordService(other.committee, other.teamId, {
		memberId: other.volunteers[0].head.id,
		halfHours: 10,
		content: '别村',
		serviceDate: '2026-04-01'
	});
	return { ...w, fireId: fire.id, other };
}

describe('hours report', () => {
	it('sums confirmed hours with corrections by team, member and month', () => {
		const w = world();
		const [a, b] = w.volunteers;
		const r = hoursReport(w.committee, w.village.id, { year: '2026' });
		expect(r).toMatchObject({ period: '2026', from: '2026-01-01', to: '2026-12-31', hours: 9.5 });
		expect(r.byTeam).toEqual([
			{ teamId: w.teamId, name: `环境队${w.village.id}`, type: '环境', hours: 5.5, members: 2 },
			{ teamId: w.fireId, name: `消防队${w.village.id}`, type: '消防', hours: 4, members: 1 }
		]);
		// Most hours first; a tie goes by team name in pinyin order (环境 before 消防).
		expect(r.byMember).toEqual([
			{
				memberId: a.head.id,
				name: a.head.name,
				householdNumber: a.household.number,
				teamId: w.teamId,
				teamName: `环境队${w.village.id}`,
				hours: 4
			},
			{
				memberId: b.head.id,
				name: b.head.name,
				householdNumber: b.household.number,
				teamId: w.fireId,
				teamName: `消防队${w.village.id}`,
				hours: 4
			},
			{
				memberId: b.head.id,
				name: b.head.name,
				householdNumber: b.household.number,
				teamId: w.teamId,
				teamName: `环境队${w.village.id}`,
				hours: 1.5
			}
		]);
		expect(r.byMonth).toHaveLength(12);
		expect(r.byMonth.filter((x) => x.hours !== 0)).toEqual([
			{ month: '2026-03', hours: 2 },
			{ month: '2026-04', hours: 3.5 },
			{ month: '2026-11', hours: 4 }
		]);
		expect(hoursReport(w.committee, w.village.id, { year: '2025' }).hours).toBe(1);
	});

	it('cuts months and the default year at village (Asia/Shanghai) midnight', () => {
		const w = world();
		const march = hoursReport(w.committee, w.village.id, { month: '2026-03' });
		expect(march).toMatchObject({ period: '2026-03', from: '2026-03-01', hours: 2 });
		expect(march.byMonth).toEqual([{ month: '2026-03', hours: 2 }]);
		expect(hoursReport(w.committee, w.village.id, { month: '2026-04' }).hours).toBe(3.5);
		// The month wins over the year when both are given.
		expect(hoursReport(w.committee, w.village.id, { year: '2025', month: '2026-04' }).period).toBe(
			'2026-04'
		);
		// 2025-12-31 16:30 UTC is already 2026-01-01 in the village; 15:59 UTC is still 2025.
		expect(
			hoursReport(w.committee, w.village.id, {}, new Date('2025-12-31T16:30:00Z'))
		).toMatchObject({ period: '2026', hours: 9.5 });
		expect(
			hoursReport(w.committee, w.village.id, {}, new Date('2025-12-31T15:59:00Z'))
		).toMatchObject({ period: '2025', hours: 1 });
	});

	it('is for the village committee only', () => {
		const w = world();
		refused('not_found', () => hoursReport(w.otherCommittee, w.village.id, { year: '2026' }));
		refused('not_found', () => hoursReport(w.other.committee, w.village.id, { year: '2026' }));
		refused('forbidden', () => hoursReport(w.leader.viewer, w.village.id, { year: '2026' }));
		refused('forbidden', () => hoursReport(w.volunteers[0].viewer, w.village.id, {}));
		refused('unauthenticated', () => hoursReport(null, w.village.id, {}));
		refused('validation', () => hoursReport(w.committee, w.village.id, { month: '2026-13' }));
		refused('validation', () => hoursReport(w.committee, w.village.id, { year: '26' }));
	});

	it('exports one sheet per section that parses back', async () => {
		const w = world();
		const [a, b] = w.volunteers;
		const file = await exportHours(w.committee, w.village.id, { year: '2026' });
		expect(file.asciiName).toBe('volunteer-hours-2026.xlsx');
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(file.body.buffer as ArrayBuffer);
		expect(book.worksheets.map((s) => s.name)).toEqual([
			m.teams_report_by_team(),
			m.teams_report_by_member(),
			m.teams_report_by_month()
		]);
		const rows = (i: number) =>
			book.worksheets[i]!.getSheetValues()
				.slice(1)
				.map((row) => (row as unknown[]).slice(1));
		expect(rows(0)).toEqual([
			[m.teams_col_team(), m.teams_col_type(), m.teams_col_hours(), m.teams_col_members()],
			[`环境队${w.village.id}`, m.teams_type_environment(), '5.5', '2'],
			[`消防队${w.village.id}`, m.teams_type_fire(), '4', '1']
		]);
		expect(rows(1).slice(1)).toEqual([
			[a.head.name, a.household.number, `环境队${w.village.id}`, '4'],
			[b.head.name, b.household.number, `消防队${w.village.id}`, '4'],
			[b.head.name, b.household.number, `环境队${w.village.id}`, '1.5']
		]);
		expect(rows(2)).toHaveLength(13);
		expect(rows(2)[4]).toEqual(['2026-04', '3.5']);
		await expect(exportHours(w.volunteers[0].viewer, w.village.id, {})).rejects.toMatchObject({
			code: 'forbidden'
		});
	});

	it('answers GET /villages/{id}/teams/hours', async () => {
		const w = world();
		const ok = await callEndpoint(teamHoursEndpoint, {
			viewer: w.committee,
			params: { id: String(w.village.id) },
			query: { month: '2026-04' }
		});
		expect(ok).toMatchObject({ status: 200, body: { period: '2026-04', hours: 3.5 } });
		const elsewhere = await callEndpoint(teamHoursEndpoint, {
			viewer: w.otherCommittee,
			params: { id: String(w.village.id) },
			query: { year: '2026' }
		});
		expect(elsewhere.status).toBe(404);
		const villager = await callEndpoint(teamHoursEndpoint, {
			viewer: w.volunteers[0].viewer,
			params: { id: String(w.village.id) }
		});
		expect(villager.status).toBe(403);
		const bad = await callEndpoint(teamHoursEndpoint, {
			viewer: w.committee,
			params: { id: String(w.village.id) },
			query: { year: 'abc' }
		});
		expect(bad.status).toBe(400);
	});
});
