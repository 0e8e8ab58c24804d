import { and, eq, isNotNull } from 'drizzle-orm';
import type { z } from 'zod';
import { maskName } from '$lib/realtime/mask';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { households, members, tenGroups } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import { parseInput } from '$lib/server/people/schemas';
import { ownVillageTarget } from '$lib/server/people/scope';
import { ZPlaqueFilter } from './schemas';
import { publicVillage } from './standings';

export type PlaqueToPrint = {
	token: string;
	number: string;
	/** Masked like the page the QR code opens: the plaque hangs on a public door. */
	name: string | null;
	group: string | null;
};

export type PlaqueSheet = {
	village: { id: number; name: string; code: string };
	groups: { id: number; name: string }[];
	group: { id: number; name: string } | null;
	plaques: PlaqueToPrint[];
};

/**
 * The committee's door plaques to print: one per active household of their village, optionally
 * of one ten-household group, each carrying the token its QR code points at.
 */
export function listPlaques(
	viewer: Viewer | null,
	raw: z.input<typeof ZPlaqueFilter> = {}
): PlaqueSheet {
	const input = parseInput(ZPlaqueFilter, raw);
	const target = ownVillageTarget(viewer);
	authorize(viewer, 'plaque:print', target);
	const { villageId } = target;
	const village = publicVillage({ id: villageId });
	const groups = db
		.select({ id: tenGroups.id, name: tenGroups.name })
		.from(tenGroups)
		.where(and(eq(tenGroups.villageId, villageId), eq(tenGroups.active, true)))
		.all()
		.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }));
	const group =
		input.group === undefined ? null : (groups.find((g) => g.id === input.group) ?? null);
	if (input.group !== undefined && !group) throw new DomainError('not_found');
	const rows = db
		.select({
			token: households.plaqueToken,
			number: households.number,
			headName: members.name,
			group: tenGroups.name
		})
		.from(households)
		.leftJoin(members, eq(members.id, households.headMemberId))
		.leftJoin(tenGroups, and(eq(tenGroups.id, households.tenGroupId), eq(tenGroups.active, true)))
		.where(
			and(
				eq(households.villageId, villageId),
				eq(households.active, true),
				isNotNull(households.plaqueToken),
				group ? eq(households.tenGroupId, group.id) : undefined
			)
		)
		.all();
	return {
		village: { id: village.id, name: village.name, code: village.code },
		groups,
		group,
		plaques: rows
			.map((r) => ({
				token: r.token ?? '',
				number: r.number,
				name: r.headName ? maskName(r.headName) : null,
				group: r.group
			}))
			.sort((a, b) => a.number.localeCompare(b.number, 'en', { numeric: true }))
	};
}
