import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import {
	applyEndpoint,
	correctRecordEndpoint,
	decideEndpoint,
	disputeRecordEndpoint,
	getTeamEndpoint,
	issueCertificateEndpoint,
	listTeamsEndpoint,
	logActivityEndpoint,
	starNoticeEndpoint,
	teamBoardEndpoint,
	verifyCertificateEndpoint,
	volunteeringEndpoint
} from '$lib/server/api/endpoints/teams';
import { db } from '$lib/server/db';
import { households, ledgerEntries } from '$lib/server/db/schema';
import { serviceRecords } from '$lib/server/db/schema/teams';
import { getCertificate } from '$lib/server/teams/get-certificate';
import { setStarThresholds } from '$lib/server/teams/set-star-thresholds';
import { callEndpoint } from './api-helpers';
import { expectLedgerInvariants } from './ledger-helpers';
import { makeTeamWorld, makeVolunteer } from './teams-helpers';

afterEach(() => expectLedgerInvariants());

const balance = (householdId: number) =>
	db.select().from(households).where(eq(households.id, householdId)).get()!.balance;

describe('teams API', () => {
	it('a retried batch with the same Idempotency-Key credits each member once', async () => {
		const w = makeTeamWorld(5);
		const body = {
			content: '清扫村道',
			place: '村口',
			serviceDate: '2026-05-09',
			attendees: w.volunteers.map((v) => ({ memberId: v.head.id, halfHours: 2 }))
		};
		const call = () =>
			callEndpoint(logActivityEndpoint, {
				viewer: w.leader.viewer,
				params: { id: String(w.teamId) },
				body,
				headers: { 'idempotency-key': `batch-${w.teamId}` }
			});
		const first = await call();
		const again = await call();
		expect(first.status).toBe(201);
		expect(again.status).toBe(201);
		expect(again.body.activity.id).toBe(first.body.activity.id);
		expect(first.body.records).toHaveLength(5);
		for (const v of w.volunteers) expect(balance(v.household.id)).toBe(10);
		const entries = db
			.select()
			.from(ledgerEntries)
			.where(and(eq(ledgerEntries.sourceType, 'service_record'), eq(ledgerEntries.kind, 'earn')))
			.all()
			.filter((e) => w.volunteers.some((v) => v.household.id === e.householdId));
		expect(entries).toHaveLength(5);
		expect(
			db.select().from(serviceRecords).where(eq(serviceRecords.teamId, w.teamId)).all()
		).toHaveLength(5);

		const refusedBatch = await callEndpoint(logActivityEndpoint, {
			viewer: w.volunteers[0].viewer,
			params: { id: String(w.teamId) },
			body
		});
		expect(refusedBatch.status).toBe(403);
		const bad = await callEndpoint(logActivityEndpoint, {
			viewer: w.leader.viewer,
			params: { id: String(w.teamId) },
			body: { ...body, attendees: [] }
		});
		expect(bad.status).toBe(400);
	});

	it('enrolment, correction, dispute and certificate through the API', async () => {
		const w = makeTeamWorld(1);
		const [a] = w.volunteers;
		const newcomer = makeVolunteer(w.village.id, '孙新人');
		const applied = await callEndpoint(applyEndpoint, {
			viewer: newcomer.viewer,
			params: { id: String(w.teamId) },
			body: { memberId: newcomer.head.id }
		});
		expect(applied).toMatchObject({ status: 201, body: { status: 'applied' } });
		const declined = await callEndpoint(decideEndpoint, {
			viewer: w.leader.viewer,
			params: { id: String(w.teamId) },
			body: { memberId: newcomer.head.id, approve: false, reason: '年龄不符' }
		});
		expect(declined.body).toEqual({ status: 'declined' });

		const logged = await callEndpoint(logActivityEndpoint, {
			viewer: w.leader.viewer,
			params: { id: String(w.teamId) },
			body: {
				content: '巡河',
				serviceDate: '2026-05-09',
				attendees: [{ memberId: a.head.id, halfHours: 6 }]
			}
		});
		const recordId = logged.body.records[0].id;
		const disputed = await callEndpoint(disputeRecordEndpoint, {
			viewer: a.viewer,
			params: { id: String(recordId) },
			body: { reason: '只有两小时' }
		});
		expect(disputed.status).toBe(200);
		const board = await callEndpoint(teamBoardEndpoint, {
			viewer: w.leader.viewer,
			params: { id: String(w.teamId) }
		});
		expect(board.body.disputes.map((d: { id: number }) => d.id)).toEqual([recordId]);
		const corrected = await callEndpoint(correctRecordEndpoint, {
			viewer: w.leader.viewer,
			params: { id: String(recordId) },
			body: { halfHours: -2, reason: '核实为两小时' }
		});
		expect(corrected).toMatchObject({
			status: 201,
			body: { halfHours: -2, pointsCredited: -10, correctsRecordId: recordId }
		});
		expect(balance(a.household.id)).toBe(20);

		const mine = await callEndpoint(volunteeringEndpoint, {
			viewer: a.viewer,
			params: { id: String(a.head.id) }
		});
		expect(mine.body.totalHours).toBe(2);
		const forbidden = await callEndpoint(volunteeringEndpoint, {
			viewer: newcomer.viewer,
			params: { id: String(a.head.id) }
		});
		expect(forbidden.status).toBe(403);

		const cert = await callEndpoint(issueCertificateEndpoint, {
			viewer: a.viewer,
			body: { memberId: a.head.id },
			headers: { 'idempotency-key': `cert-${a.head.id}` }
		});
		expect(cert.status).toBe(201);
		const token = getCertificate(a.viewer, cert.body.number).verifyPath.split('?t=')[1] ?? '';
		const genuine = await callEndpoint(verifyCertificateEndpoint, {
			params: { number: cert.body.number },
			query: { t: token }
		});
		expect(genuine.status).toBe(200);
		expect(genuine.body.hours).toBe(2);
		expect(JSON.stringify(genuine.body)).not.toContain(a.head.name);
		const forged = await callEndpoint(verifyCertificateEndpoint, {
			params: { number: cert.body.number },
			query: { t: 'forgedtoken12345' }
		});
		expect(forged.status).toBe(404);
	});

	it('public endpoints show counts, hours and masked names only', async () => {
		const w = makeTeamWorld(2);
		setStarThresholds(w.committee, { thresholds: [1, 2, 3, 4, 5] });
		await callEndpoint(logActivityEndpoint, {
			viewer: w.leader.viewer,
			params: { id: String(w.teamId) },
			body: {
				content: '消防演练',
				serviceDate: '2026-05-09',
				attendees: [{ memberId: w.volunteers[0].head.id, halfHours: 2 }]
			}
		});
		const list = await callEndpoint(listTeamsEndpoint, { query: { village: w.village.code } });
		expect(list.status).toBe(200);
		expect(list.body.teams).toEqual([
			expect.objectContaining({ id: w.teamId, memberCount: 3, type: '环境' })
		]);
		const team = await callEndpoint(getTeamEndpoint, { params: { id: String(w.teamId) } });
		expect(team.body.memberCount).toBe(3);
		const notice = await callEndpoint(starNoticeEndpoint, { query: { village: w.village.code } });
		expect(notice.body.map((n: { level: number }) => n.level)).toEqual([1]);
		const text = JSON.stringify([list.body, team.body, notice.body]);
		for (const v of [...w.volunteers, w.leader]) {
			expect(text).not.toContain(v.head.name);
			expect(text).not.toContain(v.household.number);
		}
		expect(text).not.toMatch(/phone|idNumber|careTags/);
		const anonBoard = await callEndpoint(teamBoardEndpoint, { params: { id: String(w.teamId) } });
		expect(anonBoard.status).toBe(401);
	});
});
