import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { households, members, tenGroups, users } from '$lib/server/db/schema';

/** What a village adds up to: active households, members, groups and logins. */
export type VillageFigures = {
	households: number;
	members: number;
	groups: number;
	accounts: number;
	/** Active members with at least one care tag (巡访关爱's elders). A count, never names. */
	taggedMembers: number;
};

const EMPTY: VillageFigures = {
	households: 0,
	members: 0,
	groups: 0,
	accounts: 0,
	taggedMembers: 0
};

/**
 * Figures for many villages at once — one grouped query per kind, whatever the number of
 * villages, so a town of 30 villages costs the same as one. Callers authorize first.
 */
export function villageFigures(villageIds: number[]): Map<number, VillageFigures> {
	const out = new Map(villageIds.map((id) => [id, { ...EMPTY }]));
	if (villageIds.length === 0) return out;
	const put = (rows: { villageId: number | null; n: number }[], key: keyof VillageFigures) => {
		for (const r of rows) {
			const f = r.villageId === null ? undefined : out.get(r.villageId);
			if (f) f[key] = r.n;
		}
	};
	put(
		db
			.select({ villageId: households.villageId, n: count() })
			.from(households)
			.where(and(inArray(households.villageId, villageIds), eq(households.active, true)))
			.groupBy(households.villageId)
			.all(),
		'households'
	);
	put(
		db
			.select({ villageId: members.villageId, n: count() })
			.from(members)
			.where(and(inArray(members.villageId, villageIds), eq(members.active, true)))
			.groupBy(members.villageId)
			.all(),
		'members'
	);
	put(
		db
			.select({ villageId: tenGroups.villageId, n: count() })
			.from(tenGroups)
			.where(and(inArray(tenGroups.villageId, villageIds), eq(tenGroups.active, true)))
			.groupBy(tenGroups.villageId)
			.all(),
		'groups'
	);
	put(
		db
			.select({ villageId: users.villageId, n: count() })
			.from(users)
			.where(and(inArray(users.villageId, villageIds), eq(users.active, true)))
			.groupBy(users.villageId)
			.all(),
		'accounts'
	);
	put(
		db
			.select({ villageId: members.villageId, n: count() })
			.from(members)
			.where(
				and(
					inArray(members.villageId, villageIds),
					eq(members.active, true),
					sql`json_array_length(${members.careTags}) > 0`
				)
			)
			.groupBy(members.villageId)
			.all(),
		'taggedMembers'
	);
	return out;
}
