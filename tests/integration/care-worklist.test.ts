import { describe, expect, it } from 'vitest';
import { getCareElder } from '$lib/server/care/get-elder';
import { listWorklist, type Worklist } from '$lib/server/care/list-worklist';
import { recordVisit } from '$lib/server/care/record-visit';
import { updateCareSettings } from '$lib/server/care/update-settings';
import { makeCareWorld } from './care-helpers';
import { refused } from './teams-helpers';

// 2026-06-15 10:00 in the village (UTC+8).
const NOW = new Date('2026-06-15T02:00:00Z');
const TODAY = '2026-06-15';

const elderOf = (w: Worklist, memberId: number) =>
	w.groups.flatMap((g) => g.elders).find((e) => e.memberId === memberId);

describe('the care worklist', () => {
	it('lists only tagged elders, never visited ones due today, grouped by ten-household group', () => {
		const w = makeCareWorld();
		const list = listWorklist(w.committee, w.village.id, { now: NOW });
		const ids = list.groups.flatMap((g) => g.elders.map((e) => e.memberId));
		expect(ids.sort()).toEqual(
			Object.values(w.elders)
				.map((e) => e.id)
				.sort()
		);
		expect(ids).not.toContain(w.untagged.id);
		for (const e of list.groups.flatMap((g) => g.elders)) {
			expect(e).toMatchObject({ lastVisitedOn: null, nextDue: TODAY, status: 'due' });
		}
		const grouped = list.groups.find((g) => g.groupName === `第一联组${w.village.id}`);
		expect(grouped?.elders.map((e) => e.name).sort()).toEqual(['陈奶奶', '陈爷爷'].sort());
		expect(list.groups.find((g) => g.groupId === null)?.elders).toHaveLength(2);
		expect(list.counts).toEqual({ overdue: 0, due: 4, ok: 0 });
		expect(list.intervals).toEqual({ high: 7, medium: 30, low: 90 });
	});

	it('puts the next visit one interval after the last, by risk tier (high 7, medium 30, low 90)', () => {
		const w = makeCareWorld();
		const visit = (elderMemberId: number, visitedOn: string) =>
			recordVisit(w.visitor.viewer, w.village.id, { elderMemberId, visitedOn }, NOW);
		visit(w.elders.high.id, '2026-06-10');
		visit(w.elders.medium.id, '2026-05-16');
		visit(w.elders.low.id, '2026-03-01');
		visit(w.elders.untiered.id, '2026-06-01');
		const list = listWorklist(w.leader.viewer, w.village.id, { now: NOW });
		// 06-10 + 7 = 06-17: ok, but inside the planning week.
		expect(elderOf(list, w.elders.high.id)).toMatchObject({
			lastVisitedOn: '2026-06-10',
			nextDue: '2026-06-17',
			status: 'ok',
			dueThisWeek: true,
			intervalDays: 7
		});
		// 05-16 + 30 = 06-15: due today.
		expect(elderOf(list, w.elders.medium.id)).toMatchObject({ nextDue: TODAY, status: 'due' });
		// 03-01 + 90 = 05-30: overdue.
		expect(elderOf(list, w.elders.low.id)).toMatchObject({
			nextDue: '2026-05-30',
			status: 'overdue'
		});
		// No tier yet: the low (quarterly) interval.
		expect(elderOf(list, w.elders.untiered.id)).toMatchObject({
			nextDue: '2026-08-30',
			status: 'ok',
			dueThisWeek: false
		});
		expect(list.counts).toEqual({ overdue: 1, due: 1, ok: 2 });
		// Most urgent first within a group (the high- and medium-risk elders share one).
		const group = list.groups.find((g) => g.groupName !== null)!;
		expect(group.elders.map((e) => e.status)).toEqual(['due', 'ok']);
		// A day later the high-risk elder is still ok; eight days later overdue.
		const later = listWorklist(w.committee, w.village.id, {
			now: new Date('2026-06-18T02:00:00Z')
		});
		expect(elderOf(later, w.elders.high.id)?.status).toBe('overdue');
		const onTheDay = listWorklist(w.committee, w.village.id, {
			now: new Date('2026-06-17T02:00:00Z')
		});
		expect(elderOf(onTheDay, w.elders.high.id)?.status).toBe('due');
	});

	it('uses the village’s own intervals once the committee sets them', () => {
		const w = makeCareWorld();
		recordVisit(
			w.committee,
			w.village.id,
			{
				elderMemberId: w.elders.high.id,
				visitorMemberId: w.visitor.head.id,
				visitedOn: '2026-06-10'
			},
			NOW
		);
		refused('forbidden', () =>
			updateCareSettings(w.leader.viewer, w.village.id, {
				highDays: 3,
				mediumDays: 14,
				lowDays: 60
			})
		);
		refused('validation', () =>
			updateCareSettings(w.committee, w.village.id, { highDays: 0, mediumDays: 14, lowDays: 60 })
		);
		updateCareSettings(w.committee, w.village.id, { highDays: 3, mediumDays: 14, lowDays: 60 });
		const list = listWorklist(w.committee, w.village.id, { now: NOW });
		expect(list.intervals).toEqual({ high: 3, medium: 14, low: 60 });
		expect(elderOf(list, w.elders.high.id)).toMatchObject({
			nextDue: '2026-06-13',
			status: 'overdue'
		});
		expect(getCareElder(w.committee, w.elders.high.id, NOW)).toMatchObject({
			intervalDays: 3,
			nextDue: '2026-06-13',
			status: 'overdue'
		});
	});

	it('filters by team: the elders that team visits and those nobody has visited yet', () => {
		const w = makeCareWorld();
		recordVisit(
			w.visitor.viewer,
			w.village.id,
			{ elderMemberId: w.elders.high.id, visitedOn: '2026-06-14' },
			NOW
		);
		// The committee member is on no team: the visit has no team.
		recordVisit(
			w.committee,
			w.village.id,
			{ elderMemberId: w.elders.low.id, visitedOn: '2026-06-14' },
			NOW
		);
		const list = listWorklist(w.committee, w.village.id, { teamId: w.teamId, now: NOW });
		expect(list.teamId).toBe(w.teamId);
		expect(list.teams.map((t) => t.id)).toEqual([w.teamId]);
		const ids = list.groups.flatMap((g) => g.elders.map((e) => e.memberId));
		expect(ids).toContain(w.elders.high.id);
		expect(ids).toContain(w.elders.medium.id);
		expect(ids).not.toContain(w.elders.low.id);
	});

	it('is refused outside the committee and the visiting team, and not found in another village', () => {
		const w = makeCareWorld();
		refused('forbidden', () => listWorklist(w.villager.viewer, w.village.id, { now: NOW }));
		refused('unauthenticated', () => listWorklist(null, w.village.id, { now: NOW }));
		refused('not_found', () => listWorklist(w.otherCommittee, w.village.id, { now: NOW }));
		refused('not_found', () => listWorklist(w.otherVisitor.viewer, w.village.id, { now: NOW }));
		refused('forbidden', () => getCareElder(w.villager.viewer, w.elders.high.id, NOW));
		refused('not_found', () => getCareElder(w.otherCommittee, w.elders.high.id, NOW));
		// An untagged member has no care record at all.
		refused('not_found', () => getCareElder(w.committee, w.untagged.id, NOW));
		expect(listWorklist(w.visitor.viewer, w.village.id, { now: NOW }).counts.due).toBe(4);
	});
});
