/**
 * Shared by the care-* integration tests: a village with a committee, a 巡访关爱 team (leader and
 * one visitor), elders of each risk tier in a ten-household group, and a villager not on the team.
 */
import { loadViewer, type Viewer } from '$lib/server/auth/viewer';
import type { Member, Village } from '$lib/server/db/schema';
import { applyToTeam } from '$lib/server/teams/apply-to-team';
import { createTeam } from '$lib/server/teams/create-team';
import { decideApplication } from '$lib/server/teams/decide-application';
import { makeFamily, makeMember, makeTenGroup, makeUser, makeVillage } from '../factories';
import { makeVolunteer, type Volunteer } from './teams-helpers';

export type CareWorld = {
	village: Village;
	committee: Viewer;
	leader: Volunteer;
	visitor: Volunteer;
	villager: Volunteer;
	teamId: number;
	elders: { high: Member; medium: Member; low: Member; untiered: Member };
	untagged: Member;
	otherCommittee: Viewer;
	otherVisitor: Volunteer;
};

export function makeCareWorld(): CareWorld {
	const village = makeVillage({ pointsPerHour: 10 });
	const group = makeTenGroup({ villageId: village.id, name: `第一联组${village.id}` });
	const committeeFamily = makeFamily({ villageId: village.id }, { name: '王主任' });
	const committee = loadViewer(
		makeUser({ memberId: committeeFamily.head.id, roles: ['committee'] })
	);
	const leaderFamily = makeFamily({ villageId: village.id }, { name: '孙队长' });
	const leaderUser = makeUser({ memberId: leaderFamily.head.id });
	const team = createTeam(committee, {
		name: `巡访队${village.id}`,
		type: '巡访关爱',
		leaderMemberId: leaderFamily.head.id
	});
	const leader = { ...leaderFamily, viewer: loadViewer(leaderUser) };
	const visitor = makeVolunteer(village.id, '李巡访', group.id);
	applyToTeam(visitor.viewer, team.id, { memberId: visitor.head.id });
	decideApplication(leader.viewer, team.id, { memberId: visitor.head.id, approve: true });
	const villager = makeVolunteer(village.id, '钱村民', group.id);
	const elderFamily = makeFamily(
		{ villageId: village.id, tenGroupId: group.id },
		{ name: '陈奶奶', careTags: ['独居', '高龄'], riskTier: 'high' }
	);
	const elders = {
		high: elderFamily.head,
		medium: makeMember({
			householdId: elderFamily.household.id,
			name: '陈爷爷',
			careTags: ['空巢'],
			riskTier: 'medium'
		}),
		low: makeFamily(
			{ villageId: village.id },
			{ name: '周阿婆', careTags: ['留守'], riskTier: 'low' }
		).head,
		untiered: makeFamily({ villageId: village.id }, { name: '吴老伯', careTags: ['失独'] }).head
	};
	const untagged = makeMember({ householdId: elderFamily.household.id, name: '陈小明' });
	const other = makeVillage();
	const otherCommittee = loadViewer(makeUser({ villageId: other.id, roles: ['committee'] }));
	const otherVisitor = makeVolunteer(other.id, '外村人');
	return {
		village,
		committee,
		leader,
		visitor,
		villager,
		teamId: team.id,
		elders,
		untagged,
		otherCommittee,
		otherVisitor
	};
}
