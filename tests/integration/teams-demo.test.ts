import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadViewer } from '$lib/server/auth/viewer';
import { db, write } from '$lib/server/db';
import { households, users } from '$lib/server/db/schema';
import { seedDemo } from '$lib/server/demo/seed-demo';
import { getTeamBoard } from '$lib/server/teams/get-team-board';
import { ledTeams } from '$lib/server/teams/led-teams';
import { logActivity } from '$lib/server/teams/log-activity';
import { UNUSABLE_PASSWORD_HASH } from '../factories';
import { expectLedgerInvariants } from './ledger-helpers';

beforeAll(() => {
	write((tx) => seedDemo(tx, UNUSABLE_PASSWORD_HASH));
});

const demoTeamId = (leader: ReturnType<typeof viewerOf>) => {
	const [team] = ledTeams(leader);
	if (!team) throw new Error('no demo team');
	return team.id;
};

const viewerOf = (phone: string) =>
	loadViewer(db.select().from(users).where(eq(users.phone, phone)).get()!);

describe('demo volunteer team', () => {
	it('is led by 13800000003 and has 刘建国 of LT-001 on its roster, with an application', () => {
		const leader = viewerOf('13800000003');
		const teams = ledTeams(leader);
		expect(teams.map((t) => [t.name, t.leads])).toEqual([['柳条村环境志愿服务队', true]]);
		const board = getTeamBoard(leader, demoTeamId(leader));
		expect(board.roster).toHaveLength(7);
		expect(board.roster.find((r) => r.name === '刘建国')?.householdNumber).toBe('LT-001');
		expect(board.applications.map((a) => a.name)).toEqual(['吴春梅']);
	});

	it('the leader logs an activity for five members and LT-001 is credited', () => {
		const leader = viewerOf('13800000003');
		const board = getTeamBoard(leader, demoTeamId(leader));
		const lt001 = db
			.select()
			.from(households)
			.where(and(eq(households.number, 'LT-001'), eq(households.villageId, board.villageId)))
			.get()!;
		const five = board.roster.filter((r) => r.role === 'member').slice(0, 5);
		expect(five.map((r) => r.name)).toContain('刘建国');
		logActivity(leader, board.team.id, {
			content: '清扫村道',
			serviceDate: '2026-05-09',
			attendees: five.map((r) => ({ memberId: r.memberId, halfHours: 4 }))
		});
		const after = db.select().from(households).where(eq(households.id, lt001.id)).get()!;
		expect(after.balance).toBeGreaterThan(lt001.balance);
		expectLedgerInvariants();
	});
});
