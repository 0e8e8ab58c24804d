import type { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { DomainError } from '$lib/server/errors';
import { can } from '$lib/server/permissions';
import { parseInput } from '$lib/server/people/schemas';
import { periodBounds } from './period';
import { ZHonourQuery, type HonourRoll } from './schemas';
import { periodStandings, publicVillage, rank, type VillageRef } from './standings';

/** How many households the roll lists: a roll of honour, not a full league table. */
export const HONOUR_TOP = 50;

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-CN');

/**
 * A village's 光荣榜 (public, no login): households by the points of their deeds this month or
 * this year, the ten-household groups by their households' total, and with ?group= the
 * households of one group. Only households with points in the period are listed (a roll of
 * honour names those who did something; it never lists a negative total), by the head's masked
 * name and group — no 户号, phone or anything else about the household. A village that has
 * switched rankings off (villages.showRankings) gets `enabled: false` and empty lists.
 */
export function getHonourRoll(
	viewer: Viewer | null,
	ref: VillageRef,
	raw: z.input<typeof ZHonourQuery> = {},
	now: Date = new Date()
): HonourRoll {
	const input = parseInput(ZHonourQuery, raw);
	const village = publicVillage(ref);
	if (!can(viewer, 'honour:view', { kind: 'village', villageId: village.id })) {
		throw new DomainError('not_found');
	}
	const bounds = periodBounds(input.period, now);
	const base = {
		village: { id: village.id, name: village.name, code: village.code, town: village.town },
		period: input.period,
		periodLabel: bounds.label
	};
	if (!village.showRankings) {
		return { ...base, enabled: false, group: null, groups: [], households: [], ranked: 0 };
	}

	const standings = periodStandings(village.id, bounds);
	const groupTotals = new Map<
		number,
		{ id: number; name: string; points: number; households: number }
	>();
	for (const s of standings) {
		if (s.groupId === null || s.groupName === null) continue;
		const g = groupTotals.get(s.groupId) ?? {
			id: s.groupId,
			name: s.groupName,
			points: 0,
			households: 0
		};
		g.points += s.points;
		g.households += 1;
		groupTotals.set(s.groupId, g);
	}
	const groups = rank([...groupTotals.values()], byName);

	let group: HonourRoll['group'] = null;
	if (input.group !== undefined) {
		const chosen = groupTotals.get(input.group);
		// Another village's group, a deactivated one or one without households: not on this roll.
		if (!chosen) throw new DomainError('not_found');
		group = { id: chosen.id, name: chosen.name };
	}
	const listed = standings.filter(
		(s) => s.points > 0 && (group === null || s.groupId === group.id)
	);
	const ranked = rank(listed, (a, b) => a.number.localeCompare(b.number, 'en', { numeric: true }));
	return {
		...base,
		enabled: true,
		group,
		groups: groups.map((g) => ({
			id: g.id,
			name: g.name,
			rank: g.rank,
			points: g.points,
			households: g.households
		})),
		households: ranked.slice(0, HONOUR_TOP).map((s) => ({
			rank: s.rank,
			name: s.name,
			group: s.groupName,
			points: s.points
		})),
		ranked: ranked.length
	};
}
