import { afterEach, describe, expect, it } from 'vitest';
import { recordVisit } from '$lib/server/care/record-visit';
import { correctRecord } from '$lib/server/teams/correct-record';
import { getTeamRating } from '$lib/server/teams/get-team-rating';
import { recordService } from '$lib/server/teams/record-service';
import { rateTeam } from '$lib/server/teams/team-rating';
import { makeCareWorld } from './care-helpers';
import { expectLedgerInvariants } from './ledger-helpers';
import { makeTeamWorld, refused } from './teams-helpers';

afterEach(() => expectLedgerInvariants());

describe('the 五星团队 formula', () => {
	it('scores one point per threshold reached and rounds the average into stars', () => {
		expect(rateTeam({ activeMembers: 10, halfHours: 800, activeMonths: 12, care: null })).toEqual({
			scores: [
				{
					criterion: 'hoursPerMember',
					value: 40,
					thresholds: [4, 8, 16, 24, 40],
					score: 5
				},
				{ criterion: 'activeMonths', value: 12, thresholds: [2, 4, 6, 9, 12], score: 5 }
			],
			average: 5,
			stars: 5
		});
		// 3.9 hours a member is short of the first threshold; 4 reaches it.
		const short = rateTeam({ activeMembers: 10, halfHours: 78, activeMonths: 1, care: null });
		expect(short.scores.map((s) => [s.value, s.score])).toEqual([
			[3.9, 0],
			[1, 0]
		]);
		expect(short.stars).toBe(0);
		// Scores 1 and 2 average 1.5, which rounds up to 2 stars.
		expect(
			rateTeam({ activeMembers: 2, halfHours: 16, activeMonths: 4, care: null })
		).toMatchObject({ average: 1.5, stars: 2 });
		expect(rateTeam({ activeMembers: 0, halfHours: 0, activeMonths: 0, care: null }).stars).toBe(0);
	});

	it('adds care coverage for 巡访关爱 teams', () => {
		const r = rateTeam({
			activeMembers: 4,
			halfHours: 4 * 2 * 16,
			activeMonths: 6,
			care: { elders: 8, onSchedule: 7 }
		});
		expect(r.scores.map((s) => [s.criterion, s.value, s.score])).toEqual([
			['hoursPerMember', 16, 3],
			['activeMonths', 6, 3],
			['careCoverage', 88, 4]
		]);
		expect(r).toMatchObject({ average: 3.3, stars: 3 });
		expect(
			rateTeam({
				activeMembers: 1,
				halfHours: 0,
				activeMonths: 0,
				care: { elders: 0, onSchedule: 0 }
			}).scores[2]
		).toMatchObject({ value: 0, score: 0 });
	});
});

describe('a team’s rating from its records', () => {
	// 2026-06-20 in the village; the window starts 2025-07-01.
	const NOW = new Date('2026-06-20T04:00:00Z');

	it('counts the last 12 months, nets corrections and measures this team’s visits', () => {
		const w = makeCareWorld();
		const visit = (elderMemberId: number, visitedOn: string, halfHours: number, key: string) =>
			recordVisit(
				w.visitor.viewer,
				w.village.id,
				{
					elderMemberId,
					visitedOn,
					health: '好',
					safety: '',
					living: '',
					needs: '',
					halfHours,
					requestKey: key
				},
				NOW
			);
		// On schedule: high (weekly) seen 06-15, low (quarterly) seen 05-01. Medium (monthly)
		// seen 04-01 is overdue; the untiered elder was never seen: 2 of 4 elders, 50 %.
		visit(w.elders.high.id, '2026-06-15', 4, 'v1');
		visit(w.elders.medium.id, '2026-04-01', 4, 'v2');
		visit(w.elders.low.id, '2026-05-01', 0, 'v3');
		const rec = (halfHours: number, serviceDate: string) =>
			recordService(w.committee, w.teamId, {
				memberId: w.visitor.head.id,
				halfHours,
				content: '巡访',
				serviceDate
			});
		rec(8, '2026-01-10');
		// Before the window: not counted.
		rec(20, '2025-06-30');
		// Corrected to nothing: neither hours nor an active month.
		const wrong = rec(2, '2025-09-09');
		correctRecord(w.committee, wrong.id, { halfHours: -2, reason: '记错了' });

		const r = getTeamRating(w.teamId, NOW);
		expect(r).toMatchObject({ from: '2025-07-01', to: '2026-06-20' });
		// 8 hours over 2 active members (leader and visitor); months 2026-01, 04, 06.
		expect(r.scores.map((s) => [s.criterion, s.value, s.score])).toEqual([
			['hoursPerMember', 4, 1],
			['activeMonths', 3, 1],
			['careCoverage', 50, 2]
		]);
		expect(r).toMatchObject({ average: 1.3, stars: 1 });
	});

	it('has no care criterion for other teams, and no rating for an unknown team', () => {
		const w = makeTeamWorld(2);
		recordService(w.committee, w.teamId, {
			memberId: w.volunteers[0].head.id,
			halfHours: 48,
			content: '清扫',
			serviceDate: '2026-06-01'
		});
		const r = getTeamRating(w.teamId, NOW);
		// 24 hours over 3 active members (leader and two volunteers).
		expect(r.scores.map((s) => [s.criterion, s.value, s.score])).toEqual([
			['hoursPerMember', 8, 2],
			['activeMonths', 1, 0]
		]);
		expect(r.stars).toBe(1);
		refused('not_found', () => getTeamRating(999_999, NOW));
	});
});
