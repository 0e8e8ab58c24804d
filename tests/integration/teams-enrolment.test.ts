import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadViewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { roleGrants } from '$lib/server/db/schema';
import { teamMembers } from '$lib/server/db/schema/teams';
import { can } from '$lib/server/permissions';
import { applyToTeam } from '$lib/server/teams/apply-to-team';
import { appointLeader } from '$lib/server/teams/appoint-leader';
import { createTeam } from '$lib/server/teams/create-team';
import { decideApplication } from '$lib/server/teams/decide-application';
import { getTeamBoard } from '$lib/server/teams/get-team-board';
import { leaveTeam } from '$lib/server/teams/leave-team';
import { ledTeams } from '$lib/server/teams/led-teams';
import { listTeams } from '$lib/server/teams/list-teams';
import { recordService } from '$lib/server/teams/record-service';
import { teamTarget } from '$lib/server/teams/team-target';
import { makeFamily, makeUser } from '../factories';
import { makeTeamWorld, makeVolunteer, refused } from './teams-helpers';

const row = (teamId: number, memberId: number) =>
	db
		.select()
		.from(teamMembers)
		.where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.memberId, memberId)))
		.get();

describe('teams and leaders', () => {
	it('the committee creates a team and its leader gets the team_leader role', () => {
		const w = makeTeamWorld(0);
		const grants = db
			.select()
			.from(roleGrants)
			.where(eq(roleGrants.userId, w.leader.viewer.userId))
			.all();
		expect(grants.map((g) => g.role)).toEqual(['team_leader']);
		expect(w.leader.viewer.roles).toContain('team_leader');
		expect(teamTarget(w.teamId).target.leaderMemberIds).toEqual([w.leader.head.id]);
		expect(can(w.leader.viewer, 'teams:lead', teamTarget(w.teamId).target)).toBe(true);
	});

	it('refuses a leader without a login, a duplicate name, and anyone but the committee', () => {
		const w = makeTeamWorld(0);
		const noLogin = makeFamily({ villageId: w.village.id }, { name: '无账号' });
		refused('validation', () =>
			createTeam(w.committee, { name: '消防队', type: '消防', leaderMemberId: noLogin.head.id })
		);
		// All or nothing: the team was not created either.
		createTeam(w.committee, { name: '消防队', type: '消防' });
		refused('conflict', () => createTeam(w.committee, { name: '消防队', type: '消防' }));
		refused('forbidden', () => createTeam(w.leader.viewer, { name: '文艺队', type: '文艺' }));
		refused('unauthenticated', () => createTeam(null, { name: '文艺队', type: '文艺' }));
		refused('validation', () => createTeam(w.committee, { name: '队', type: '不存在' as '其他' }));
		refused('not_found', () =>
			appointLeader(w.otherCommittee, w.teamId, { memberId: w.outsider.head.id })
		);
		refused('forbidden', () =>
			appointLeader(w.leader.viewer, w.teamId, { memberId: w.outsider.head.id })
		);
	});

	it('a team_leader of another team may not run this one', () => {
		const w = makeTeamWorld(1);
		const other = createTeam(w.committee, { name: '另一队', type: '其他' });
		const otherLeader = makeFamily({ villageId: w.village.id }, { name: '周队长' });
		const user = makeUser({ memberId: otherLeader.head.id });
		appointLeader(w.committee, other.id, { memberId: otherLeader.head.id });
		const viewer = loadViewer(user);
		refused('forbidden', () => getTeamBoard(viewer, w.teamId));
		refused('forbidden', () =>
			recordService(viewer, w.teamId, {
				memberId: w.volunteers[0].head.id,
				halfHours: 2,
				content: '打扫',
				serviceDate: '2026-05-01'
			})
		);
		expect(getTeamBoard(viewer, other.id).roster.map((r) => r.role)).toEqual(['leader']);
	});
});

describe('enrolment', () => {
	it('apply → approve; apply → decline with a reason → apply again; leave', () => {
		const w = makeTeamWorld(0);
		const a = makeVolunteer(w.village.id, '甲');
		const b = makeVolunteer(w.village.id, '乙');
		applyToTeam(a.viewer, w.teamId, { memberId: a.head.id });
		applyToTeam(b.viewer, w.teamId, { memberId: b.head.id });
		refused('conflict', () => applyToTeam(a.viewer, w.teamId, { memberId: a.head.id }));
		expect(ledTeams(w.leader.viewer)).toMatchObject([{ id: w.teamId, applications: 2 }]);
		expect(ledTeams(a.viewer)).toEqual([]);
		expect(
			getTeamBoard(w.leader.viewer, w.teamId)
				.applications.map((x) => x.name)
				.sort()
		).toEqual(['乙', '甲'].sort());

		expect(
			decideApplication(w.leader.viewer, w.teamId, { memberId: a.head.id, approve: true })
		).toEqual({ status: 'active' });
		refused('validation', () =>
			decideApplication(w.leader.viewer, w.teamId, { memberId: b.head.id, approve: false })
		);
		decideApplication(w.leader.viewer, w.teamId, {
			memberId: b.head.id,
			approve: false,
			reason: '人数已满'
		});
		expect(row(w.teamId, b.head.id)).toMatchObject({
			status: 'declined',
			declineReason: '人数已满',
			decidedBy: w.leader.viewer.userId
		});
		refused('conflict', () =>
			decideApplication(w.leader.viewer, w.teamId, { memberId: b.head.id, approve: true })
		);
		applyToTeam(b.viewer, w.teamId, { memberId: b.head.id });
		expect(row(w.teamId, b.head.id)).toMatchObject({ status: 'applied', declineReason: null });

		const board = getTeamBoard(w.committee, w.teamId);
		expect(board.roster.map((r) => r.name).sort()).toEqual(['孙队长', '甲'].sort());
		expect(listTeams(w.village.code).teams[0]?.memberCount).toBe(2);

		leaveTeam(a.viewer, w.teamId, { memberId: a.head.id });
		expect(row(w.teamId, a.head.id)?.status).toBe('left');
		refused('conflict', () => leaveTeam(a.viewer, w.teamId, { memberId: a.head.id }));
		expect(listTeams(w.village.code).teams[0]?.memberCount).toBe(1);
	});

	it('refuses applying or leaving for someone else, and villagers deciding', () => {
		const w = makeTeamWorld(1);
		const [v] = w.volunteers;
		refused('forbidden', () => applyToTeam(w.outsider.viewer, w.teamId, { memberId: v.head.id }));
		refused('forbidden', () => leaveTeam(w.outsider.viewer, w.teamId, { memberId: v.head.id }));
		applyToTeam(w.outsider.viewer, w.teamId, { memberId: w.outsider.head.id });
		refused('forbidden', () =>
			decideApplication(v.viewer, w.teamId, { memberId: w.outsider.head.id, approve: true })
		);
		refused('not_found', () =>
			decideApplication(w.otherCommittee, w.teamId, {
				memberId: w.outsider.head.id,
				approve: true
			})
		);
		refused('not_found', () => applyToTeam(v.viewer, 999_999, { memberId: v.head.id }));
		refused('forbidden', () => getTeamBoard(v.viewer, w.teamId));
	});

	it('the public list shows counts and hours only', () => {
		const w = makeTeamWorld(2);
		const list = listTeams(w.village.code);
		expect(list.teams).toHaveLength(1);
		expect(Object.keys(list.teams[0] ?? {}).sort()).toEqual(
			['description', 'hoursThisYear', 'id', 'memberCount', 'name', 'type'].sort()
		);
		expect(list.teams[0]?.memberCount).toBe(3);
		refused('not_found', () => listTeams('no-such-village'));
	});
});
