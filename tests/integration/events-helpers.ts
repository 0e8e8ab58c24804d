/**
 * Shared by the events-* integration tests: the slips world (a published rule book, a group with
 * its 十户长, households, two committee members) plus an elderly member who agreed to 代办, and a
 * way to create events on an injected clock.
 */
import { loadViewer } from '$lib/server/auth/viewer';
import { createEvent } from '$lib/server/events/create-event';
import { makeMember, makeUser } from '../factories';
import { makeSlipWorld } from './slips-helpers';

export const MINUTE = 60 * 1000;
export const T0 = new Date('2026-06-06T01:00:00Z');
export const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);

export function makeEventWorld() {
	const world = makeSlipWorld();
	/** 张老汉: lives with 张小安 (home), has no phone, agreed that family may act for him. */
	const elder = makeMember({
		householdId: world.home.household.id,
		name: '张老汉',
		birthYear: 1938,
		proxyConsent: true
	});
	/** A housemate who did not agree to 代办. */
	const teen = makeMember({
		householdId: world.home.household.id,
		name: '张小军',
		birthYear: 2010
	});
	const teamLeader = loadViewer(makeUser({ villageId: world.village.id, roles: ['team_leader'] }));
	const event = (overrides: Record<string, unknown> = {}, by = world.committee) =>
		createEvent(by, {
			type: '饺子宴',
			title: '重阳饺子宴',
			description: '一起包饺子',
			place: '村委会大院',
			startsAt: at(0).toISOString(),
			endsAt: at(120).toISOString(),
			capacity: '',
			signupRequired: true,
			attendanceRuleId: world.rules.help.id,
			checkInOpensAt: at(-30).toISOString(),
			checkInClosesAt: at(90).toISOString(),
			teamId: '',
			...overrides
		});
	return { ...world, elder, teen, teamLeader, event };
}
