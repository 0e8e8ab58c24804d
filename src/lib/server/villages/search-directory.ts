import { and, asc, count, eq, exists, inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { households, members, tenGroups } from '$lib/server/db/schema';
import { zOptionalText } from '$lib/server/http/fields';
import { authorize, can } from '$lib/server/permissions';
import { containsText } from './contains-text';

export const DIRECTORY_PAGE_SIZE = 30;

export const ZDirectorySearch = z.object({
	q: zOptionalText(40),
	page: z.coerce.number().int().min(1).max(10_000).catch(1).optional()
});
export type DirectorySearch = z.input<typeof ZDirectorySearch>;

/**
 * One household as staff look someone up: names, 户号, 十户联组 and head — nothing private (no
 * phones, ID numbers or care tags). The balance only where the viewer may see the household's
 * account (the shopkeeper and committee; others only their own or their group's).
 */
export type DirectoryHousehold = {
	id: number;
	number: string;
	villagerGroup: string;
	tenGroupName: string | null;
	headName: string | null;
	members: { id: number; name: string }[];
	balance: number | null;
};

export type Directory = {
	households: DirectoryHousehold[];
	total: number;
	page: number;
	pageSize: number;
	q: string | null;
};

/** The village's households, searchable by a member's name or by 户号. */
export function searchDirectory(
	viewer: Viewer | null,
	villageId: number,
	search: DirectorySearch = {}
): Directory {
	authorize(viewer, 'people:directory', { kind: 'village', villageId });
	const { q, page = 1 } = ZDirectorySearch.parse(search);
	const where = and(
		eq(households.villageId, villageId),
		eq(households.active, true),
		q
			? or(
					containsText(households.number, q),
					exists(
						db
							.select({ one: members.id })
							.from(members)
							.where(
								and(
									eq(members.householdId, households.id),
									eq(members.active, true),
									containsText(members.name, q)
								)
							)
					)
				)
			: undefined
	);
	const total = db.select({ n: count() }).from(households).where(where).get()?.n ?? 0;
	const rows = db
		.select({
			id: households.id,
			number: households.number,
			villagerGroup: households.villagerGroup,
			tenGroupId: households.tenGroupId,
			tenGroupName: tenGroups.name,
			headMemberId: households.headMemberId,
			balance: households.balance
		})
		.from(households)
		.leftJoin(tenGroups, eq(tenGroups.id, households.tenGroupId))
		.where(where)
		.orderBy(asc(households.number))
		.limit(DIRECTORY_PAGE_SIZE)
		.offset((page - 1) * DIRECTORY_PAGE_SIZE)
		.all();
	const people =
		rows.length === 0
			? []
			: db
					.select({ id: members.id, name: members.name, householdId: members.householdId })
					.from(members)
					.where(
						and(
							inArray(
								members.householdId,
								rows.map((r) => r.id)
							),
							eq(members.active, true)
						)
					)
					.orderBy(asc(members.id))
					.all();
	return {
		households: rows.map((r) => {
			const own = people.filter((p) => p.householdId === r.id);
			const target = {
				kind: 'household' as const,
				villageId,
				householdId: r.id,
				tenGroupId: r.tenGroupId
			};
			return {
				id: r.id,
				number: r.number,
				villagerGroup: r.villagerGroup,
				tenGroupName: r.tenGroupName,
				headName: own.find((p) => p.id === r.headMemberId)?.name ?? null,
				// Head first, then the others in the order they were registered.
				members: [
					...own.filter((p) => p.id === r.headMemberId),
					...own.filter((p) => p.id !== r.headMemberId)
				].map((p) => ({ id: p.id, name: p.name })),
				balance: can(viewer, 'household:view', target) ? r.balance : null
			};
		}),
		total,
		page,
		pageSize: DIRECTORY_PAGE_SIZE,
		q
	};
}
