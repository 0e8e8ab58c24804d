/**
 * The elders' worklist is reachable from the navigation for everyone who may open it — the
 * committee and every member of a 巡访关爱 team, not only its leader — and for nobody else.
 */
import { describe, expect, it } from 'vitest';
import { navFor } from '$lib/server/auth/home';
import type { Viewer } from '$lib/server/auth/viewer';
import { makeCareWorld } from './care-helpers';

const hasCareLink = (viewer: Viewer) => navFor(viewer).some((item) => item.href === '/care');

describe('navigation to /care', () => {
	const world = makeCareWorld();

	it.each([
		['the committee', world.committee, true],
		['the 巡访关爱 leader', world.leader.viewer, true],
		['a plain member of the 巡访关爱 team', world.visitor.viewer, true],
		['a villager not on the team', world.villager.viewer, false],
		["another village's committee", world.otherCommittee, true],
		["another village's villager", world.otherVisitor.viewer, false]
	])('%s: %s', (_who, viewer, expected) => {
		expect(hasCareLink(viewer)).toBe(expected);
	});

	it('is not offered when logged out', () => {
		expect(navFor(null).some((item) => item.href === '/care')).toBe(false);
	});
});
