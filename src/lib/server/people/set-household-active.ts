import { eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write } from '$lib/server/db';
import { households } from '$lib/server/db/schema';
import { authorize } from '$lib/server/permissions';
import { getHousehold } from './get-household';
import { householdTarget } from './targets';
import type { HouseholdDetail } from './views';

/**
 * Households are never deleted (their ledger is history). Deactivating one hides it from lists
 * by default and stops new members being added; it changes nothing else — its members, group
 * and balance stay as they are, and reactivating brings it back unchanged.
 */
export function deactivateHousehold(viewer: Viewer | null, householdId: number): HouseholdDetail {
	return setActive(viewer, householdId, false);
}

export function reactivateHousehold(viewer: Viewer | null, householdId: number): HouseholdDetail {
	return setActive(viewer, householdId, true);
}

function setActive(viewer: Viewer | null, householdId: number, active: boolean): HouseholdDetail {
	const target = householdTarget(householdId);
	authorize(viewer, 'people:manage', target);
	write((tx) => {
		const before = tx
			.select({ active: households.active })
			.from(households)
			.where(eq(households.id, householdId))
			.get();
		if (!before || before.active === active) return;
		tx.update(households).set({ active }).where(eq(households.id, householdId)).run();
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: active ? 'household.reactivate' : 'household.deactivate',
			subjectType: 'household',
			subjectId: householdId
		});
	});
	return getHousehold(viewer, householdId);
}
