import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db, write } from '$lib/server/db';
import { households, members, newPlaqueToken } from '$lib/server/db/schema';
import { memberCards } from '$lib/server/db/schema/events';
import { DomainError } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';

export type MemberCard = { memberId: number; name: string; householdNumber: string; token: string };

/**
 * Member cards to print for every active member of the village (the committee): each card's QR
 * code carries a random token, issued here the first time a card is printed and kept after, so a
 * reprinted card still works. The token names the member only to staff who scan it.
 */
export function listMemberCards(
	viewer: Viewer | null,
	options: { household?: string } = {}
): MemberCard[] {
	const villageId = viewer?.villageId ?? null;
	if (!viewer || villageId === null)
		throw new DomainError(viewer ? 'forbidden' : 'unauthenticated');
	authorize(viewer, 'events:print_cards', { kind: 'village', villageId });
	write((tx) => {
		const missing = tx
			.select({ id: members.id })
			.from(members)
			.leftJoin(memberCards, eq(memberCards.memberId, members.id))
			.where(
				and(eq(members.villageId, villageId), eq(members.active, true), isNull(memberCards.token))
			)
			.all();
		for (const m of missing) {
			tx.insert(memberCards).values({ memberId: m.id, token: newPlaqueToken() }).run();
		}
	});
	return db
		.select({
			memberId: members.id,
			name: members.name,
			householdNumber: households.number,
			token: memberCards.token
		})
		.from(members)
		.innerJoin(households, eq(households.id, members.householdId))
		.innerJoin(memberCards, eq(memberCards.memberId, members.id))
		.where(
			and(
				eq(members.villageId, villageId),
				eq(members.active, true),
				...(options.household ? [eq(households.number, options.household)] : [])
			)
		)
		.orderBy(asc(households.number), asc(members.id))
		.all();
}
