import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write } from '$lib/server/db';
import { members } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { zCheckbox, zId } from '$lib/server/http/fields';
import { authorize } from '$lib/server/permissions';
import { memberTarget } from '$lib/server/people/targets';
import { recordFeed } from '$lib/server/realtime/publish';
import { roomName } from '$lib/realtime/events';

export const ZSetHouseholdActor = z.object({ memberId: zId, allowed: zCheckbox });

/**
 * The household head decides which members may act for the household (redeem points and the
 * like). The head always may, so the head's own flag is not changed here.
 */
export function setHouseholdActor(
	viewer: Viewer | null,
	input: z.infer<typeof ZSetHouseholdActor>
): void {
	const target = memberTarget(input.memberId);
	authorize(viewer, 'household:set_actors', {
		kind: 'household',
		villageId: target.villageId,
		householdId: target.householdId,
		tenGroupId: target.tenGroupId
	});
	if (input.memberId === viewer.memberId) throw new DomainError('bad_request');
	write((tx) => {
		const changed = tx
			.update(members)
			.set({ mayActForHousehold: input.allowed })
			.where(and(eq(members.id, input.memberId), eq(members.active, true)))
			.returning({ name: members.name })
			.get();
		// The household hears of it (a toast on its members' phones), once this commits.
		if (changed) {
			recordFeed(tx, {
				villageId: target.villageId,
				room: roomName('household', target.householdId),
				type: 'household_actor_changed',
				payload: { memberName: changed.name, allowed: input.allowed }
			});
		}
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: input.allowed ? 'household.actor_allow' : 'household.actor_revoke',
			subjectType: 'member',
			subjectId: input.memberId
		});
	});
}
