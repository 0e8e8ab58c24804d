import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import {
	careWorklistEndpoint,
	recordCareVisitEndpoint,
	resolveCareFollowUpEndpoint
} from '$lib/server/api/endpoints/care';
import { careCoverage } from '$lib/server/care/coverage-report';
import { exportCoverage } from '$lib/server/care/export-coverage';
import { listFollowUps } from '$lib/server/care/list-follow-ups';
import { recordVisit } from '$lib/server/care/record-visit';
import { resolveFollowUp } from '$lib/server/care/resolve-follow-up';
import { db } from '$lib/server/db';
import { households, ledgerEntries } from '$lib/server/db/schema';
import { careVisits } from '$lib/server/db/schema/care';
import { serviceRecords } from '$lib/server/db/schema/teams';
import { callEndpoint } from './api-helpers';
import { makeCareWorld } from './care-helpers';
import { expectLedgerInvariants } from './ledger-helpers';
import { refused } from './teams-helpers';

afterEach(() => expectLedgerInvariants());

const NOW = new Date('2026-06-15T02:00:00Z');

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

describe('recording a visit', () => {
	it('with hours writes the visitor’s service record and credits their household once', () => {
		const w = makeCareWorld();
		const input = {
			elderMemberId: w.elders.high.id,
			visitedOn: '2026-06-14',
			health: '血压偏高',
			safety: '',
			living: '',
			needs: '',
			halfHours: 3,
			requestKey: 'visit-1'
		};
		const visit = recordVisit(w.visitor.viewer, w.village.id, input, NOW);
		expect(visit).toMatchObject({
			elderMemberId: w.elders.high.id,
			visitorMemberId: w.visitor.head.id,
			teamId: w.teamId,
			health: '血压偏高',
			followUp: false
		});
		expect(visit.serviceRecordId).not.toBeNull();
		const record = db
			.select()
			.from(serviceRecords)
			.where(eq(serviceRecords.id, visit.serviceRecordId!))
			.get()!;
		expect(record).toMatchObject({
			teamId: w.teamId,
			memberId: w.visitor.head.id,
			householdId: w.visitor.household.id,
			halfHours: 3,
			serviceDate: '2026-06-14',
			content: '巡访关爱',
			pointsCredited: 15
		});
		// 1.5 h at 10 points an hour.
		expect(balance(w.visitor.household.id)).toBe(15);
		expect(entriesOf(record.id)).toHaveLength(1);
		// The elder's household gets nothing.
		expect(balance(w.elders.high.householdId)).toBe(0);

		// Sent again (double tap, retry): the same visit, no second record or credit.
		const again = recordVisit(w.visitor.viewer, w.village.id, input, NOW);
		expect(again.id).toBe(visit.id);
		expect(
			db.select().from(careVisits).where(eq(careVisits.elderMemberId, w.elders.high.id)).all()
		).toHaveLength(1);
		expect(balance(w.visitor.household.id)).toBe(15);
	});

	it('without hours writes no service record and credits nothing', () => {
		const w = makeCareWorld();
		const visit = recordVisit(
			w.leader.viewer,
			w.village.id,
			{
				elderMemberId: w.elders.low.id,
				visitedOn: '2026-06-15',
				halfHours: '' as unknown as number
			},
			NOW
		);
		expect(visit.serviceRecordId).toBeNull();
		expect(visit.visitorMemberId).toBe(w.leader.head.id);
		expect(balance(w.leader.household.id)).toBe(0);
	});

	it('refuses a villager, another village, untagged members, future dates and bad hours', () => {
		const w = makeCareWorld();
		const ok = { elderMemberId: w.elders.high.id, visitedOn: '2026-06-14' };
		refused('forbidden', () => recordVisit(w.villager.viewer, w.village.id, ok, NOW));
		refused('unauthenticated', () => recordVisit(null, w.village.id, ok, NOW));
		refused('not_found', () => recordVisit(w.otherCommittee, w.village.id, ok, NOW));
		// An elder of another village, recorded "into" one's own village.
		refused('not_found', () =>
			recordVisit(
				w.otherCommittee,
				w.otherCommittee.villageId!,
				{ ...ok, visitorMemberId: w.otherVisitor.head.id },
				NOW
			)
		);
		refused('not_found', () =>
			recordVisit(w.visitor.viewer, w.village.id, { ...ok, elderMemberId: w.untagged.id }, NOW)
		);
		refused('validation', () =>
			recordVisit(w.visitor.viewer, w.village.id, { ...ok, visitedOn: '2026-06-16' }, NOW)
		);
		refused('validation', () =>
			recordVisit(w.visitor.viewer, w.village.id, { ...ok, halfHours: 49 }, NOW)
		);
		refused('validation', () =>
			recordVisit(w.visitor.viewer, w.village.id, { ...ok, followUp: true }, NOW)
		);
		// Only the committee names someone else as the visitor.
		refused('forbidden', () =>
			recordVisit(w.visitor.viewer, w.village.id, { ...ok, visitorMemberId: w.leader.head.id }, NOW)
		);
		// The committee member is on no 巡访关爱 team: their own visit can't carry hours.
		refused('validation', () =>
			recordVisit(w.committee, w.village.id, { ...ok, halfHours: 2 }, NOW)
		);
		expect(
			db.select().from(careVisits).where(eq(careVisits.villageId, w.village.id)).all()
		).toEqual([]);
	});
});

describe('follow-ups', () => {
	it('a flagged visit is on the committee’s list until resolved, once', () => {
		const w = makeCareWorld();
		const visit = recordVisit(
			w.visitor.viewer,
			w.village.id,
			{
				elderMemberId: w.elders.medium.id,
				visitedOn: '2026-06-14',
				needs: '屋顶漏雨',
				followUp: true,
				followUpNote: '请村里找人修屋顶'
			},
			NOW
		);
		recordVisit(
			w.visitor.viewer,
			w.village.id,
			{ elderMemberId: w.elders.high.id, visitedOn: '2026-06-14' },
			NOW
		);
		const list = listFollowUps(w.committee, w.village.id);
		expect(list.map((f) => [f.id, f.elderName, f.followUpNote, f.visitorName])).toEqual([
			[visit.id, '陈爷爷', '请村里找人修屋顶', '李巡访']
		]);
		refused('forbidden', () => listFollowUps(w.visitor.viewer, w.village.id));
		refused('forbidden', () => resolveFollowUp(w.visitor.viewer, visit.id, {}, NOW));
		refused('not_found', () => resolveFollowUp(w.otherCommittee, visit.id, {}, NOW));
		const resolved = resolveFollowUp(w.committee, visit.id, { note: '已修好' }, NOW);
		expect(resolved.followUpResolvedAt).toEqual(NOW);
		expect(resolved.followUpResolvedBy).toBe(w.committee.userId);
		expect(listFollowUps(w.committee, w.village.id)).toEqual([]);
		refused('conflict', () => resolveFollowUp(w.committee, visit.id, {}, NOW));
	});
});

describe('coverage report', () => {
	it('counts tagged elders visited on schedule in the month, and exports it', async () => {
		const w = makeCareWorld();
		const visit = (elderMemberId: number, visitedOn: string, halfHours?: number) =>
			recordVisit(w.visitor.viewer, w.village.id, { elderMemberId, visitedOn, halfHours }, NOW);
		visit(w.elders.high.id, '2026-06-12', 2); // due 06-19: on schedule on 06-15
		visit(w.elders.medium.id, '2026-05-01'); // due 05-31: overdue
		visit(w.elders.low.id, '2026-04-01', 1); // due 06-30: on schedule
		const june = careCoverage(w.committee, w.village.id, { now: NOW });
		expect(june).toMatchObject({
			month: '2026-06',
			asOf: '2026-06-15',
			elders: 4,
			onSchedule: 2,
			share: 50,
			halfHours: 2,
			followUps: 0
		});
		expect(june.visits.map((v) => v.elderName)).toEqual(['陈奶奶']);
		expect(june.byTier).toEqual([
			{ tier: 'high', elders: 1, onSchedule: 1 },
			{ tier: 'medium', elders: 1, onSchedule: 0 },
			{ tier: 'low', elders: 2, onSchedule: 1 }
		]);
		// May, measured on its last day: the April and May visits count, the June one doesn't.
		const may = careCoverage(w.committee, w.village.id, { month: '2026-05', now: NOW });
		expect(may).toMatchObject({ asOf: '2026-05-31', onSchedule: 2, share: 50 });
		expect(may.visits.map((v) => v.elderName)).toEqual(['陈爷爷']);
		refused('forbidden', () => careCoverage(w.visitor.viewer, w.village.id, { now: NOW }));
		refused('validation', () =>
			careCoverage(w.committee, w.village.id, { month: '2026-13', now: NOW })
		);

		const file = await exportCoverage(w.committee, w.village.id, { now: NOW });
		expect(file.asciiName).toBe('care-visits-2026-06.xlsx');
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(file.body.buffer as ArrayBuffer);
		const [elders, visits] = book.worksheets;
		expect(elders?.rowCount).toBe(5);
		expect(elders?.getRow(1).getCell(1).value).toBe('姓名');
		expect(visits?.rowCount).toBe(2);
		expect(visits?.getRow(2).getCell(2).value).toBe('陈奶奶');
		expect(visits?.getRow(2).getCell(5).value).toBe('1');
	});
});

describe('care API', () => {
	it('records with an Idempotency-Key once, lists the worklist, resolves a follow-up', async () => {
		const w = makeCareWorld();
		const body = {
			elderMemberId: w.elders.high.id,
			visitedOn: '2026-06-01',
			needs: '需要助听器',
			followUp: true,
			halfHours: 2
		};
		const headers = { 'idempotency-key': `care-${w.village.id}` };
		const first = await callEndpoint(recordCareVisitEndpoint, {
			viewer: w.visitor.viewer,
			body,
			headers
		});
		expect(first.status).toBe(201);
		const again = await callEndpoint(recordCareVisitEndpoint, {
			viewer: w.visitor.viewer,
			body,
			headers
		});
		expect(again.body.id).toBe(first.body.id);
		expect(balance(w.visitor.household.id)).toBe(10);

		const list = await callEndpoint(careWorklistEndpoint, {
			viewer: w.leader.viewer,
			params: { id: String(w.village.id) }
		});
		expect(list.status).toBe(200);
		const elder = list.body.groups
			.flatMap((g: { elders: { memberId: number }[] }) => g.elders)
			.find((e: { memberId: number }) => e.memberId === w.elders.high.id);
		expect(elder).toMatchObject({ lastVisitedOn: '2026-06-01', openFollowUps: 1 });

		const villager = await callEndpoint(careWorklistEndpoint, {
			viewer: w.villager.viewer,
			params: { id: String(w.village.id) }
		});
		expect(villager.status).toBe(403);
		const other = await callEndpoint(careWorklistEndpoint, {
			viewer: w.otherCommittee,
			params: { id: String(w.village.id) }
		});
		expect(other.status).toBe(404);
		const anon = await callEndpoint(careWorklistEndpoint, {
			params: { id: String(w.village.id) }
		});
		expect(anon.status).toBe(401);

		const byVisitor = await callEndpoint(resolveCareFollowUpEndpoint, {
			viewer: w.visitor.viewer,
			params: { id: String(first.body.id) },
			body: {}
		});
		expect(byVisitor.status).toBe(403);
		const resolved = await callEndpoint(resolveCareFollowUpEndpoint, {
			viewer: w.committee,
			params: { id: String(first.body.id) },
			body: { note: '已送去' }
		});
		expect(resolved.status).toBe(200);
		expect(resolved.body.followUpResolvedAt).not.toBeNull();
	});
});
