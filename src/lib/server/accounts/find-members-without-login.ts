import { and, asc, eq, isNull, or } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { households, members, users } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import { containsText } from '$lib/server/villages/contains-text';
import { ZMemberSearch } from './schemas';

export const MEMBER_SEARCH_LIMIT = 30;

export type MemberWithoutLogin = {
	id: number;
	name: string;
	birthYear: number | null;
	/** Private; shown to the committee because it becomes the login's default phone. */
	phone: string | null;
	householdId: number;
	householdNumber: string;
};

/**
 * Active members of the village who have no login yet, found by name or 户号 — the people the
 * committee can create a login for. Without a search text nothing is listed (a village has
 * hundreds of members).
 */
export function findMembersWithoutLogin(
	viewer: Viewer | null,
	villageId: number,
	search: { q?: string | null }
): MemberWithoutLogin[] {
	authorize(viewer, 'accounts:manage', { kind: 'village', villageId });
	const { q } = ZMemberSearch.parse(search);
	if (!q) return [];
	return db
		.select({
			id: members.id,
			name: members.name,
			birthYear: members.birthYear,
			phone: members.phone,
			householdId: households.id,
			householdNumber: households.number
		})
		.from(members)
		.innerJoin(households, eq(households.id, members.householdId))
		.leftJoin(users, eq(users.memberId, members.id))
		.where(
			and(
				eq(members.villageId, villageId),
				eq(members.active, true),
				isNull(users.id),
				or(containsText(members.name, q), containsText(households.number, q))
			)
		)
		.orderBy(asc(households.number), asc(members.id))
		.limit(MEMBER_SEARCH_LIMIT)
		.all();
}

/** One member the committee is about to create a login for (the form's header). */
export function memberForLogin(
	viewer: Viewer | null,
	memberId: number
): MemberWithoutLogin & { hasLogin: boolean } {
	const row = db
		.select({
			id: members.id,
			villageId: members.villageId,
			name: members.name,
			birthYear: members.birthYear,
			phone: members.phone,
			active: members.active,
			householdId: households.id,
			householdNumber: households.number,
			userId: users.id
		})
		.from(members)
		.innerJoin(households, eq(households.id, members.householdId))
		.leftJoin(users, eq(users.memberId, members.id))
		.where(eq(members.id, memberId))
		.get();
	if (!row) throw new DomainError('not_found');
	authorize(viewer, 'accounts:manage', { kind: 'village', villageId: row.villageId });
	if (!row.active) throw new DomainError('not_found');
	return {
		id: row.id,
		name: row.name,
		birthYear: row.birthYear,
		phone: row.phone,
		householdId: row.householdId,
		householdNumber: row.householdNumber,
		hasLogin: row.userId !== null
	};
}
