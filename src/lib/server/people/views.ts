import { and, asc, count, eq, inArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import {
	ASSISTANCE_STATUSES,
	CARE_TAGS,
	RISK_TIERS,
	households,
	members,
	tenGroups,
	type Member
} from '$lib/server/db/schema';
import { can } from '$lib/server/permissions';

/**
 * What the people services return, as zod schemas (they document the JSON API) and the types
 * inferred from them. Private member data sits in one nested `private` object that is null
 * unless the viewer may see it, so it can't leak field by field.
 */

export const ZMemberPrivate = z.object({
	phone: z.string().nullable(),
	idNumber: z.string().nullable(),
	careTags: z.array(z.enum(CARE_TAGS)),
	riskTier: z.enum(RISK_TIERS).nullable(),
	assistance: z.enum(ASSISTANCE_STATUSES)
});

export const ZMemberView = z.object({
	id: z.number().int(),
	householdId: z.number().int(),
	householdNumber: z.string(),
	name: z.string(),
	gender: z.enum(['male', 'female']).nullable(),
	birthYear: z.number().int().nullable(),
	relation: z.string(),
	isHead: z.boolean(),
	proxyConsent: z.boolean(),
	mayActForHousehold: z.boolean(),
	active: z.boolean(),
	/** Phone, ID number, care tags, risk tier, assistance: committee and the member only. */
	private: ZMemberPrivate.nullable()
});
export type MemberView = z.infer<typeof ZMemberView>;

export const ZHouseholdSummary = z.object({
	id: z.number().int(),
	number: z.string(),
	address: z.string(),
	villagerGroup: z.string(),
	tenGroupId: z.number().int().nullable(),
	tenGroupName: z.string().nullable(),
	headMemberId: z.number().int().nullable(),
	headName: z.string().nullable(),
	/** Active members. */
	memberCount: z.number().int(),
	balance: z.number().int(),
	active: z.boolean()
});
export type HouseholdSummary = z.infer<typeof ZHouseholdSummary>;

export const ZHouseholdDetail = ZHouseholdSummary.extend({
	/** Active members, and inactive ones too for those who manage people. */
	members: z.array(ZMemberView),
	/** Whether the viewer may edit this household (the committee). */
	viewerMayManage: z.boolean()
});
export type HouseholdDetail = z.infer<typeof ZHouseholdDetail>;

export const ZHouseholdList = z.object({
	households: z.array(ZHouseholdSummary),
	total: z.number().int(),
	page: z.number().int(),
	pageSize: z.number().int(),
	pages: z.number().int()
});
export type HouseholdList = z.infer<typeof ZHouseholdList>;

export const ZGroupSummary = z.object({
	id: z.number().int(),
	name: z.string(),
	leaderMemberId: z.number().int().nullable(),
	leaderName: z.string().nullable(),
	/** Active households in the group. */
	householdCount: z.number().int(),
	active: z.boolean()
});
export type GroupSummary = z.infer<typeof ZGroupSummary>;

export const ZGroupDetail = ZGroupSummary.extend({
	households: z.array(
		z.object({
			id: z.number().int(),
			number: z.string(),
			address: z.string(),
			headName: z.string().nullable(),
			active: z.boolean()
		})
	),
	/** Members offered as leader: active adults of the group's active households. */
	leaderCandidates: z.array(
		z.object({ id: z.number().int(), name: z.string(), householdNumber: z.string() })
	),
	viewerMayManage: z.boolean()
});
export type GroupDetail = z.infer<typeof ZGroupDetail>;

const head = alias(members, 'head');

/** Household rows with their group, head and member count, in 户号 order. */
export function householdSummaries(
	where: SQL | undefined,
	page?: { limit: number; offset: number }
): HouseholdSummary[] {
	const query = db
		.select({
			id: households.id,
			number: households.number,
			address: households.address,
			villagerGroup: households.villagerGroup,
			tenGroupId: households.tenGroupId,
			tenGroupName: tenGroups.name,
			headMemberId: households.headMemberId,
			headName: head.name,
			balance: households.balance,
			active: households.active
		})
		.from(households)
		.leftJoin(tenGroups, eq(tenGroups.id, households.tenGroupId))
		.leftJoin(head, eq(head.id, households.headMemberId))
		.where(where)
		.orderBy(asc(households.number), asc(households.id));
	const rows = page ? query.limit(page.limit).offset(page.offset).all() : query.all();
	const counts = memberCounts(rows.map((r) => r.id));
	return rows.map((r) => ({ ...r, memberCount: counts.get(r.id) ?? 0 }));
}

function memberCounts(householdIds: number[]): Map<number, number> {
	if (householdIds.length === 0) return new Map();
	const rows = db
		.select({ householdId: members.householdId, n: count() })
		.from(members)
		.where(and(inArray(members.householdId, householdIds), eq(members.active, true)))
		.groupBy(members.householdId)
		.all();
	return new Map(rows.map((r) => [r.householdId, r.n]));
}

/** One member as `viewer` may see them. */
export function memberView(
	viewer: Viewer | null,
	row: Member,
	household: { number: string; headMemberId: number | null; tenGroupId: number | null }
): MemberView {
	const mayViewPrivate = can(viewer, 'member:view_private', {
		kind: 'member',
		villageId: row.villageId,
		memberId: row.id,
		householdId: row.householdId,
		tenGroupId: household.tenGroupId,
		proxyConsent: row.proxyConsent
	});
	return {
		id: row.id,
		householdId: row.householdId,
		householdNumber: household.number,
		name: row.name,
		gender: row.gender,
		birthYear: row.birthYear,
		relation: row.relation,
		isHead: household.headMemberId === row.id,
		proxyConsent: row.proxyConsent,
		mayActForHousehold: row.mayActForHousehold,
		active: row.active,
		private: mayViewPrivate
			? {
					phone: row.phone,
					idNumber: row.idNumber,
					careTags: row.careTags,
					riskTier: row.riskTier,
					assistance: row.assistance
				}
			: null
	};
}

/** Group rows with their leader's name and active household count, oldest group first. */
export function groupSummaries(where: SQL | undefined): GroupSummary[] {
	const leader = alias(members, 'leader');
	const rows = db
		.select({
			id: tenGroups.id,
			name: tenGroups.name,
			leaderMemberId: tenGroups.leaderMemberId,
			leaderName: leader.name,
			active: tenGroups.active
		})
		.from(tenGroups)
		.leftJoin(leader, eq(leader.id, tenGroups.leaderMemberId))
		.where(where)
		.orderBy(asc(tenGroups.id))
		.all();
	if (rows.length === 0) return [];
	const counts = new Map(
		db
			.select({ groupId: households.tenGroupId, n: count() })
			.from(households)
			.where(
				and(
					inArray(
						households.tenGroupId,
						rows.map((r) => r.id)
					),
					eq(households.active, true)
				)
			)
			.groupBy(households.tenGroupId)
			.all()
			.map((r) => [r.groupId, r.n])
	);
	return rows.map((r) => ({ ...r, householdCount: counts.get(r.id) ?? 0 }));
}

/** The choices a member form offers, from the schema's own lists. */
export const memberChoices = {
	careTags: [...CARE_TAGS],
	riskTiers: [...RISK_TIERS],
	assistance: [...ASSISTANCE_STATUSES]
};
export type MemberChoices = typeof memberChoices;
