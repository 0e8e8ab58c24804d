/**
 * Shared by the teams-* integration tests: a village with a committee, a team led by a
 * team_leader, and villagers (each in their own household, with a login) on its roster.
 */
import { expect } from 'vitest';
import { loadViewer, type Viewer } from '$lib/server/auth/viewer';
import type { Household, Member, Village } from '$lib/server/db/schema';
import { DomainError, type ErrorCode } from '$lib/server/errors';
import { applyToTeam } from '$lib/server/teams/apply-to-team';
import { createTeam } from '$lib/server/teams/create-team';
import { decideApplication } from '$lib/server/teams/decide-application';
import { makeFamily, makeTenGroup, makeUser, makeVillage } from '../factories';

export type Volunteer = { household: Household; head: Member; viewer: Viewer };

/** A tuple of exactly N elements, so tests can destructure `const [a, b] = w.volunteers`. */
type Tuple<T, N extends number, R extends T[] = []> = R['length'] extends N
	? R
	: Tuple<T, N, [...R, T]>;

export type TeamWorld<N extends number = number> = {
	village: Village;
	committee: Viewer;
	leader: Volunteer;
	teamId: number;
	volunteers: Tuple<Volunteer, N>;
	/** A villager of the village not on the team. */
	outsider: Volunteer;
	/** A committee member of another village. */
	otherCommittee: Viewer;
};

export function refused(code: ErrorCode, fn: () => unknown): DomainError {
	let caught: unknown;
	try {
		fn();
	} catch (e) {
		caught = e;
	}
	expect(caught).toBeInstanceOf(DomainError);
	expect((caught as DomainError).code).toBe(code);
	return caught as DomainError;
}

export function makeVolunteer(villageId: number, name: string, tenGroupId?: number): Volunteer {
	const f = makeFamily({ villageId, tenGroupId: tenGroupId ?? null }, { name });
	return { ...f, viewer: loadViewer(makeUser({ memberId: f.head.id })) };
}

/** `count` volunteers already approved onto a team (pointsPerHour 10 unless given). */
export function makeTeamWorld<N extends number = 3>(
	count: N = 3 as N,
	villageValues: Partial<Village> = {}
): TeamWorld<N> {
	const village = makeVillage({ pointsPerHour: 10, ...villageValues });
	const group = makeTenGroup({ villageId: village.id });
	const committeeFamily = makeFamily({ villageId: village.id }, { name: '赵主任' });
	const committee = loadViewer(
		makeUser({ memberId: committeeFamily.head.id, roles: ['committee'] })
	);
	const leaderFamily = makeFamily({ villageId: village.id }, { name: '孙队长' });
	const leaderUser = makeUser({ memberId: leaderFamily.head.id });
	const team = createTeam(committee, {
		name: `环境队${village.id}`,
		type: '环境',
		description: '打扫村道',
		leaderMemberId: leaderFamily.head.id
	});
	// The appointment granted the role: load the viewer after it.
	const leader = { ...leaderFamily, viewer: loadViewer(leaderUser) };
	const volunteers = Array.from({ length: count }, (_, i) => {
		const v = makeVolunteer(village.id, `志愿者${village.id}号${i + 1}`, group.id);
		applyToTeam(v.viewer, team.id, { memberId: v.head.id });
		decideApplication(leader.viewer, team.id, { memberId: v.head.id, approve: true });
		return v;
	}) as Tuple<Volunteer, N>;
	const outsider = makeVolunteer(village.id, '钱旁观');
	const other = makeVillage();
	const otherCommittee = loadViewer(makeUser({ villageId: other.id, roles: ['committee'] }));
	return { village, committee, leader, teamId: team.id, volunteers, outsider, otherCommittee };
}
