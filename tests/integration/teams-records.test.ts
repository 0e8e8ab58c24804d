import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { feedEvents, households, ledgerEntries } from '$lib/server/db/schema';
import { serviceRecords } from '$lib/server/db/schema/teams';
import { correctRecord } from '$lib/server/teams/correct-record';
import { dismissDispute } from '$lib/server/teams/dismiss-dispute';
import { disputeRecord } from '$lib/server/teams/dispute-record';
import { getTeamBoard } from '$lib/server/teams/get-team-board';
import { getVolunteering } from '$lib/server/teams/get-volunteering';
import { ledTeams } from '$lib/server/teams/led-teams';
import { leaveTeam } from '$lib/server/teams/leave-team';
import { listTeams } from '$lib/server/teams/list-teams';
import { logActivity } from '$lib/server/teams/log-activity';
import { recordService } from '$lib/server/teams/record-service';
import { expectLedgerInvariants } from './ledger-helpers';
import { makeTeamWorld, refused } from './teams-helpers';

afterEach(() => expectLedgerInvariants());

const T0 = new Date('2026-05-10T08:00:00Z');

const balance = (householdId: number) =>
	db.select().from(households).where(eq(households.id, householdId)).get()!.balance;

const entriesOf = (recordId: number) =>
	db
		.select()
		.from(ledgerEntries)
		.where(
			and(eq(ledgerEntries.sourceType, 'service_record'), eq(ledgerEntries.sourceId, recordId))
		)
		.all();

describe('logging an activity', () => {
	it('creates one confirmed record per attendee and credits each household once', () => {
		const w = makeTeamWorld(3);
		const [a, b, c] = w.volunteers;
		const { activity, records } = logActivity(
			w.leader.viewer,
			w.teamId,
			{
				content: '清扫村道',
				place: '村口',
				serviceDate: '2026-05-09',
				attendees: [
					{ memberId: a.head.id, halfHours: 4 },
					{ memberId: b.head.id, halfHours: 3 }
				]
			},
			T0
		);
		expect(records).toHaveLength(2);
		expect(records.every((r) => r.activityId === activity.id)).toBe(true);
		// 10 points an hour: 2 h → 20, 1.5 h → 15.
		expect(balance(a.household.id)).toBe(20);
		expect(balance(b.household.id)).toBe(15);
		expect(balance(c.household.id)).toBe(0);
		for (const r of records) {
			const [entry] = entriesOf(r.id);
			expect(entry).toMatchObject({ kind: 'earn', memberId: r.memberId, points: r.pointsCredited });
			expect(entriesOf(r.id)).toHaveLength(1);
		}
		const feed = db
			.select()
			.from(feedEvents)
			.where(eq(feedEvents.room, `household:${a.household.id}`))
			.all();
		expect(feed.map((f) => [f.type, f.payload])).toEqual([
			['points_credited', { memberName: a.head.name, rule: '清扫村道', points: 20 }]
		]);
		expect(getVolunteering(a.viewer, a.head.id).totalHours).toBe(2);
		const roster = getTeamBoard(w.leader.viewer, w.teamId).roster;
		expect(roster.find((r) => r.memberId === b.head.id)?.teamHours).toBe(1.5);
		expect(listTeams(w.village.code, T0).teams[0]?.hoursThisYear).toBe(3.5);
	});

	it('a form sent twice with the same request key logs the activity once', () => {
		const w = makeTeamWorld(2);
		const [a, b] = w.volunteers;
		const input = {
			content: '义务植树',
			serviceDate: '2026-05-09',
			requestKey: 'form-load-1',
			attendees: [
				{ memberId: a.head.id, halfHours: 2 },
				{ memberId: b.head.id, halfHours: 2 }
			]
		};
		const first = logActivity(w.leader.viewer, w.teamId, input);
		const again = logActivity(w.leader.viewer, w.teamId, input);
		expect(again.activity.id).toBe(first.activity.id);
		expect(again.records.map((r) => r.id)).toEqual(first.records.map((r) => r.id));
		expect(balance(a.household.id)).toBe(10);
		expect(balance(b.household.id)).toBe(10);
		// A new page load (a new key) is a new activity.
		logActivity(w.leader.viewer, w.teamId, { ...input, requestKey: 'form-load-2' });
		expect(balance(a.household.id)).toBe(20);
	});

	it('is all or nothing: one attendee off the roster refuses the whole batch', () => {
		const w = makeTeamWorld(2);
		const [a, b] = w.volunteers;
		leaveTeam(b.viewer, w.teamId, { memberId: b.head.id });
		const input = {
			content: '清扫',
			serviceDate: '2026-05-09',
			attendees: [
				{ memberId: a.head.id, halfHours: 2 },
				{ memberId: b.head.id, halfHours: 2 }
			]
		};
		refused('validation', () => logActivity(w.leader.viewer, w.teamId, input));
		refused('validation', () =>
			logActivity(w.leader.viewer, w.teamId, {
				...input,
				attendees: [input.attendees[0], input.attendees[0]]
			})
		);
		refused('validation', () =>
			logActivity(w.leader.viewer, w.teamId, {
				...input,
				attendees: [{ memberId: a.head.id, halfHours: 0 }]
			})
		);
		refused('validation', () =>
			logActivity(w.leader.viewer, w.teamId, {
				...input,
				attendees: [{ memberId: w.outsider.head.id, halfHours: 2 }]
			})
		);
		refused('forbidden', () => logActivity(a.viewer, w.teamId, input));
		refused('not_found', () => logActivity(w.otherCommittee, w.teamId, input));
		expect(balance(a.household.id)).toBe(0);
		expect(
			db.select().from(serviceRecords).where(eq(serviceRecords.teamId, w.teamId)).all()
		).toEqual([]);
	});

	it('a single record rounds odd half-hours down at an odd rate', () => {
		const w = makeTeamWorld(1, { pointsPerHour: 5 });
		const [a] = w.volunteers;
		const r = recordService(w.committee, w.teamId, {
			memberId: a.head.id,
			halfHours: 3,
			content: '消防巡查',
			serviceDate: '2026-05-01'
		});
		expect(r.pointsCredited).toBe(7);
		expect(balance(a.household.id)).toBe(7);
		expect(r.activityId).toBeNull();
	});
});

describe('corrections', () => {
	it('a correction is a new record posting a reversing entry; the original is unchanged', () => {
		const w = makeTeamWorld(1);
		const [a] = w.volunteers;
		const original = recordService(w.leader.viewer, w.teamId, {
			memberId: a.head.id,
			halfHours: 6,
			content: '清扫',
			serviceDate: '2026-05-01'
		});
		expect(balance(a.household.id)).toBe(30);
		const fix = correctRecord(w.leader.viewer, original.id, {
			halfHours: -2,
			reason: '多记了一小时'
		});
		expect(fix).toMatchObject({
			correctsRecordId: original.id,
			halfHours: -2,
			pointsCredited: -10,
			correctionReason: '多记了一小时'
		});
		expect(entriesOf(fix.id)).toMatchObject([{ kind: 'correct', points: -10 }]);
		expect(balance(a.household.id)).toBe(20);
		expect(
			db.select().from(serviceRecords).where(eq(serviceRecords.id, original.id)).get()
		).toEqual(original);
		// Taking the rest away brings the record to zero and reverses exactly what is left.
		const all = correctRecord(w.committee, original.id, { halfHours: -4, reason: '没有参加' });
		expect(all.pointsCredited).toBe(-20);
		expect(balance(a.household.id)).toBe(0);
		expect(getVolunteering(a.viewer, a.head.id).totalHours).toBe(0);
		refused('validation', () =>
			correctRecord(w.committee, original.id, { halfHours: -1, reason: '再减' })
		);
		refused('conflict', () => correctRecord(w.committee, fix.id, { halfHours: 1, reason: 'x' }));
		refused('validation', () =>
			correctRecord(w.committee, original.id, { halfHours: 2, reason: '' })
		);
		refused('forbidden', () =>
			correctRecord(a.viewer, original.id, { halfHours: 2, reason: '我自己改' })
		);
		// A positive correction adds hours and points.
		const more = correctRecord(w.leader.viewer, original.id, { halfHours: 2, reason: '补记' });
		expect(more.pointsCredited).toBe(10);
		expect(balance(a.household.id)).toBe(10);
	});
});

describe('disputes', () => {
	it('the member disputes a record: flagged for the leader, who dismisses or corrects', () => {
		const w = makeTeamWorld(2);
		const [a, b] = w.volunteers;
		const r1 = recordService(w.leader.viewer, w.teamId, {
			memberId: a.head.id,
			halfHours: 2,
			content: '文艺演出',
			serviceDate: '2026-05-01'
		});
		const r2 = recordService(w.leader.viewer, w.teamId, {
			memberId: a.head.id,
			halfHours: 2,
			content: '排练',
			serviceDate: '2026-05-02'
		});
		refused('forbidden', () => disputeRecord(b.viewer, r1.id, { reason: '不是我的' }));
		refused('forbidden', () => disputeRecord(w.leader.viewer, r1.id, { reason: '队长不能' }));
		refused('validation', () => disputeRecord(a.viewer, r1.id, { reason: ' ' }));
		const flagged = disputeRecord(a.viewer, r1.id, { reason: '我干了四个小时' }, T0);
		expect(flagged).toMatchObject({ disputeReason: '我干了四个小时', disputedAt: T0 });
		refused('conflict', () => disputeRecord(a.viewer, r1.id, { reason: '再说一次' }));
		disputeRecord(a.viewer, r2.id, { reason: '日期不对' });
		expect(ledTeams(w.leader.viewer)).toMatchObject([{ id: w.teamId, disputes: 2 }]);
		const board = getTeamBoard(w.leader.viewer, w.teamId);
		expect(board.disputes.map((d) => [d.id, d.disputeReason, d.disputed])).toEqual([
			[r1.id, '我干了四个小时', true],
			[r2.id, '日期不对', true]
		]);

		correctRecord(w.leader.viewer, r1.id, { halfHours: 4, reason: '核实后补记两小时' });
		refused('forbidden', () => dismissDispute(a.viewer, r2.id, { note: '自己驳回' }));
		dismissDispute(w.leader.viewer, r2.id, { note: '日期核实无误' });
		refused('conflict', () => dismissDispute(w.leader.viewer, r2.id, { note: '再驳回' }));
		expect(getTeamBoard(w.leader.viewer, w.teamId).disputes).toEqual([]);
		const mine = getVolunteering(a.viewer, a.head.id).records;
		expect(mine.find((r) => r.id === r1.id)).toMatchObject({
			resolution: 'corrected',
			disputed: false
		});
		expect(mine.find((r) => r.id === r2.id)).toMatchObject({
			resolution: 'dismissed',
			resolutionNote: '日期核实无误'
		});
		expect(getVolunteering(a.viewer, a.head.id).totalHours).toBe(4);
	});

	it('a member’s records are private to them, 代办 and the committee', () => {
		const w = makeTeamWorld(2);
		const [a, b] = w.volunteers;
		refused('forbidden', () => getVolunteering(b.viewer, a.head.id));
		refused('forbidden', () => getVolunteering(w.leader.viewer, a.head.id));
		refused('not_found', () => getVolunteering(w.otherCommittee, a.head.id));
		expect(getVolunteering(w.committee, a.head.id).member.id).toBe(a.head.id);
	});
});
