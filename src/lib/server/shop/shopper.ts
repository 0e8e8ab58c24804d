import { eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { households, members } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import type { Target } from '$lib/server/permissions';

export type ShopperTarget = Extract<Target, { kind: 'member' }> & { actsForHousehold: boolean };

/**
 * The member on whose authority the viewer spends household points: the member they act for
 * (代办), or themself. `actsForHousehold` says whether that member may spend for the household:
 * the head always may; another member when the head allows it (household:set_actors).
 */
export function shopperTarget(
	viewer: Viewer | null,
	onBehalfOfMemberId: number | null = null
): ShopperTarget {
	if (!viewer) throw new DomainError('unauthenticated');
	const memberId = onBehalfOfMemberId ?? viewer.memberId;
	if (memberId === null) throw new DomainError('forbidden');
	const row = db
		.select({
			villageId: members.villageId,
			householdId: members.householdId,
			proxyConsent: members.proxyConsent,
			mayAct: members.mayActForHousehold,
			active: members.active,
			headMemberId: households.headMemberId,
			tenGroupId: households.tenGroupId
		})
		.from(members)
		.innerJoin(households, eq(members.householdId, households.id))
		.where(eq(members.id, memberId))
		.get();
	if (!row) throw new DomainError('not_found');
	return {
		kind: 'member',
		memberId,
		villageId: row.villageId,
		householdId: row.householdId,
		tenGroupId: row.tenGroupId,
		proxyConsent: row.proxyConsent,
		actsForHousehold: row.active && (row.mayAct || row.headMemberId === memberId)
	};
}
