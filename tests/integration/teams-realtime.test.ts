/**
 * The volunteer team's socket room (room:team) over a real server, and the household room hearing
 * of points credited by a logged activity.
 */
import { describe, expect, it } from 'vitest';
import { leaveTeam } from '$lib/server/teams/leave-team';
import { logActivity } from '$lib/server/teams/log-activity';
import { makeUser } from '../factories';
import { join, sessionCookie, until, useRealtimeServer } from './realtime-helpers';
import { makeTeamWorld } from './teams-helpers';

const { connect } = useRealtimeServer();

const code = (result: Awaited<ReturnType<typeof join>>) => (result.ok ? 'ok' : result.error.code);

describe('team rooms', () => {
	it('admit the team’s members, leaders and committee; refuse others and other villages', async () => {
		const w = makeTeamWorld(2);
		const [a, b] = w.volunteers;
		const room = `team:${w.teamId}`;
		const member = await connect(sessionCookie(a.viewer.userId));
		const leader = await connect(sessionCookie(w.leader.viewer.userId));
		const committee = await connect(sessionCookie(w.committee.userId));
		const outsider = await connect(sessionCookie(w.outsider.viewer.userId));
		const other = await connect(sessionCookie(w.otherCommittee.userId));
		const anon = await connect();
		const shopkeeper = await connect(
			sessionCookie(makeUser({ villageId: w.village.id, roles: ['shopkeeper'] }).id)
		);
		expect(code(await join(member.socket, room))).toBe('ok');
		expect(code(await join(leader.socket, room))).toBe('ok');
		expect(code(await join(committee.socket, room))).toBe('ok');
		expect(code(await join(outsider.socket, room))).toBe('forbidden');
		expect(code(await join(shopkeeper.socket, room))).toBe('forbidden');
		expect(code(await join(other.socket, room))).toBe('not_found');
		expect(code(await join(anon.socket, room))).toBe('unauthenticated');
		expect(code(await join(committee.socket, 'team:999999'))).toBe('not_found');

		// Leaving the team closes the door.
		leaveTeam(b.viewer, w.teamId, { memberId: b.head.id });
		const left = await connect(sessionCookie(b.viewer.userId));
		expect(code(await join(left.socket, room))).toBe('forbidden');
	});

	it('each credited household hears points_credited live', async () => {
		const w = makeTeamWorld(2);
		const [a, b] = w.volunteers;
		const homeA = await connect(sessionCookie(a.viewer.userId));
		const homeB = await connect(sessionCookie(b.viewer.userId));
		expect(code(await join(homeA.socket, `household:${a.household.id}`))).toBe('ok');
		expect(code(await join(homeB.socket, `household:${b.household.id}`))).toBe('ok');
		logActivity(w.leader.viewer, w.teamId, {
			content: '义务植树',
			serviceDate: '2026-05-09',
			attendees: [
				{ memberId: a.head.id, halfHours: 2 },
				{ memberId: b.head.id, halfHours: 5 }
			]
		});
		await until(() => homeA.feed.length === 1 && homeB.feed.length === 1);
		expect(homeA.feed.map((i) => [i.type, i.payload])).toEqual([
			['points_credited', { memberName: a.head.name, rule: '义务植树', points: 10 }]
		]);
		expect(homeB.feed.map((i) => [i.type, i.payload])).toEqual([
			['points_credited', { memberName: b.head.name, rule: '义务植树', points: 25 }]
		]);
	});
});
