import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { feedEvents, households } from '$lib/server/db/schema';
import { starLevels, volunteerCertificates } from '$lib/server/db/schema/teams';
import { runExpiry } from '$lib/server/ledger/run-expiry';
import { correctRecord } from '$lib/server/teams/correct-record';
import { getCertificate } from '$lib/server/teams/get-certificate';
import { getVolunteering } from '$lib/server/teams/get-volunteering';
import { grantDueStars } from '$lib/server/teams/grant-due-stars';
import { issueCertificate } from '$lib/server/teams/issue-certificate';
import { listStarNotice } from '$lib/server/teams/list-star-notice';
import { logActivity } from '$lib/server/teams/log-activity';
import { recordService } from '$lib/server/teams/record-service';
import { setStarThresholds } from '$lib/server/teams/set-star-thresholds';
import { verifyCertificate } from '$lib/server/teams/verify-certificate';
import { maskName } from '$lib/realtime/mask';
import { expectLedgerInvariants } from './ledger-helpers';
import { makeTeamWorld, refused } from './teams-helpers';

afterEach(() => expectLedgerInvariants());

const DAY = 86_400_000;
const T0 = new Date('2026-05-10T08:00:00Z');

const levelsOf = (memberId: number) =>
	db.select().from(starLevels).where(eq(starLevels.memberId, memberId)).all();

describe('star levels', () => {
	it('crossing a threshold puts the level on the notice board, then grants it', () => {
		const w = makeTeamWorld(2, { noticeDays: 5 });
		const [a, b] = w.volunteers;
		refused('validation', () => setStarThresholds(w.committee, { thresholds: [5, 4, 3, 2, 1] }));
		refused('forbidden', () => setStarThresholds(w.leader.viewer, { thresholds: [1, 2, 3, 4, 5] }));
		setStarThresholds(w.committee, { thresholds: [1, 2, 3, 4, 5] });

		logActivity(
			w.leader.viewer,
			w.teamId,
			{
				content: '清扫',
				serviceDate: '2026-05-09',
				attendees: [
					{ memberId: a.head.id, halfHours: 4 },
					{ memberId: b.head.id, halfHours: 1 }
				]
			},
			T0
		);
		expect(levelsOf(a.head.id).map((l) => [l.level, l.grantsAt.getTime(), l.grantedAt])).toEqual([
			[1, T0.getTime() + 5 * DAY, null],
			[2, T0.getTime() + 5 * DAY, null]
		]);
		expect(levelsOf(b.head.id)).toEqual([]);
		// The village's public feed hears of it, name masked.
		const feed = db
			.select()
			.from(feedEvents)
			.where(eq(feedEvents.room, `village:${w.village.id}`))
			.all()
			.filter((f) => f.type === 'star_level_announced');
		expect(feed.map((f) => f.payload)).toEqual([
			{
				memberName: maskName(a.head.name),
				level: 1,
				hours: 1,
				grantsAt: new Date(T0.getTime() + 5 * DAY).toISOString()
			},
			{
				memberName: maskName(a.head.name),
				level: 2,
				hours: 2,
				grantsAt: new Date(T0.getTime() + 5 * DAY).toISOString()
			}
		]);
		const notice = listStarNotice(w.village.id, T0);
		expect(notice.map((n) => [n.memberName, n.level, n.thresholdHours])).toEqual([
			[maskName(a.head.name), 1, 1],
			[maskName(a.head.name), 2, 2]
		]);
		expect(notice[0]?.memberName).not.toContain(a.head.name);

		// Another hour for b crosses level 1 only; a's levels aren't announced twice.
		recordService(
			w.leader.viewer,
			w.teamId,
			{ memberId: b.head.id, halfHours: 1, content: '巡查', serviceDate: '2026-05-10' },
			T0
		);
		recordService(
			w.leader.viewer,
			w.teamId,
			{ memberId: a.head.id, halfHours: 1, content: '巡查', serviceDate: '2026-05-10' },
			T0
		);
		expect(levelsOf(a.head.id)).toHaveLength(2);
		expect(levelsOf(b.head.id).map((l) => l.level)).toEqual([1]);

		expect(grantDueStars(new Date(T0.getTime() + 5 * DAY - 1))).toBe(0);
		expect(grantDueStars(new Date(T0.getTime() + 5 * DAY))).toBe(3);
		expect(levelsOf(a.head.id).every((l) => l.grantedAt !== null)).toBe(true);
		expect(listStarNotice(w.village.id, new Date(T0.getTime() + 5 * DAY))).toEqual([]);
		expect(getVolunteering(a.viewer, a.head.id).stars).toMatchObject([
			{ level: 1, granted: true },
			{ level: 2, granted: true }
		]);
	});

	it('a level whose hours were corrected away during the notice is withdrawn, not granted', () => {
		const w = makeTeamWorld(1);
		const [a] = w.volunteers;
		setStarThresholds(w.committee, { thresholds: [1, 2, 3, 4, 5] });
		const r = recordService(
			w.leader.viewer,
			w.teamId,
			{ memberId: a.head.id, halfHours: 2, content: '清扫', serviceDate: '2026-05-09' },
			T0
		);
		expect(levelsOf(a.head.id)).toHaveLength(1);
		correctRecord(w.leader.viewer, r.id, { halfHours: -1, reason: '只干了半小时' }, T0);
		expect(grantDueStars(new Date(T0.getTime() + 30 * DAY))).toBe(0);
		expect(levelsOf(a.head.id)).toEqual([]);
	});

	it('uses the default thresholds (100 hours for one star)', () => {
		const w = makeTeamWorld(1);
		const [a] = w.volunteers;
		recordService(w.leader.viewer, w.teamId, {
			memberId: a.head.id,
			halfHours: 48,
			content: '抢险',
			serviceDate: '2026-05-09'
		});
		expect(levelsOf(a.head.id)).toEqual([]);
	});
});

describe('hours never expire', () => {
	it('points lapse under the village policy, the hours stay', () => {
		const w = makeTeamWorld(1, { expiryPolicy: 'yearly', expiryDate: '12-31' });
		const [a] = w.volunteers;
		recordService(
			w.leader.viewer,
			w.teamId,
			{ memberId: a.head.id, halfHours: 4, content: '清扫', serviceDate: '2026-05-09' },
			new Date('2026-05-09T08:00:00Z')
		);
		// Warned in the warning period, lapsed at the cutoff.
		runExpiry(new Date('2026-12-20T08:00:00+08:00'));
		runExpiry(new Date('2027-01-05T08:00:00+08:00'));
		const balance = db.select().from(households).where(eq(households.id, a.household.id)).get();
		expect(balance?.balance).toBe(0);
		expect(getVolunteering(a.viewer, a.head.id).totalHours).toBe(2);
	});
});

describe('certificates', () => {
	it('verifies a genuine number and token, rejects forged ones, and shows nothing private', () => {
		const w = makeTeamWorld(2);
		const [a, b] = w.volunteers;
		refused('conflict', () => issueCertificate(a.viewer, { memberId: a.head.id }));
		recordService(
			w.leader.viewer,
			w.teamId,
			{
				memberId: a.head.id,
				halfHours: 5,
				content: '清扫',
				place: '村口',
				serviceDate: '2026-05-09'
			},
			new Date(T0.getTime() - DAY)
		);
		refused('forbidden', () => issueCertificate(b.viewer, { memberId: a.head.id }));
		// Records after the issue date are not on the certificate.
		recordService(w.leader.viewer, w.teamId, {
			memberId: b.head.id,
			halfHours: 1,
			content: '别人的',
			serviceDate: '2026-05-09'
		});
		refused('forbidden', () => issueCertificate(w.leader.viewer, { memberId: a.head.id }));
		const cert = issueCertificate(a.viewer, { memberId: a.head.id }, T0);
		expect(cert.number).toMatch(new RegExp(`^${w.village.code.toUpperCase()}-2026-00001$`));
		expect(cert.totalHalfHours).toBe(5);
		const second = issueCertificate(w.committee, { memberId: a.head.id }, T0);
		expect(second.number).not.toBe(cert.number);
		expect(second.token).not.toBe(cert.token);

		const check = verifyCertificate(cert.number, cert.token);
		expect(check).toEqual({
			number: cert.number,
			memberName: maskName(a.head.name),
			village: { name: w.village.name, town: w.village.town },
			hours: 2.5,
			issuedAt: T0.toISOString()
		});
		refused('not_found', () => verifyCertificate(cert.number, second.token));
		refused('not_found', () => verifyCertificate(cert.number, 'a'.repeat(16)));
		refused('not_found', () => verifyCertificate('LT-2026-99999', cert.token));

		const view = getCertificate(a.viewer, cert.number);
		expect(view).toMatchObject({
			memberName: a.head.name,
			hours: 2.5,
			verifyPath: `/verify/${cert.number}?t=${cert.token}`
		});
		expect(view.records).toMatchObject([{ content: '清扫', place: '村口', hours: 2.5 }]);
		refused('forbidden', () => getCertificate(b.viewer, cert.number));
		refused('not_found', () => getCertificate(w.otherCommittee, cert.number));
		expect(
			db
				.select()
				.from(volunteerCertificates)
				.where(eq(volunteerCertificates.memberId, a.head.id))
				.all()
		).toHaveLength(2);
	});
});
