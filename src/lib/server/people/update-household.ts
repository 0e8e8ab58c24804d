import { eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write } from '$lib/server/db';
import { households } from '$lib/server/db/schema';
import { notFound } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import { getHousehold } from './get-household';
import {
	assertAssignableGroup,
	assertHeadCandidate,
	assertHouseholdNumberFree,
	changesOf
} from './rules';
import { parsePatch, ZHouseholdPatch, type HouseholdPatch } from './schemas';
import { householdTarget } from './targets';
import type { HouseholdDetail } from './views';

/**
 * Changes the fields given: 户号 (still unique), address, 村民小组, group (of this village and
 * active; null takes the household out of its group) and 户主 (an active member of it).
 */
export function updateHousehold(
	viewer: Viewer | null,
	householdId: number,
	raw: HouseholdPatch
): HouseholdDetail {
	const target = householdTarget(householdId);
	authorize(viewer, 'people:manage', target);
	const patch = parsePatch(ZHouseholdPatch, raw);
	write((tx) => {
		const before = tx.select().from(households).where(eq(households.id, householdId)).get();
		if (!before) throw notFound();
		const { set, audit } = changesOf(before, patch);
		if (set.number !== undefined) {
			assertHouseholdNumberFree(tx, target.villageId, set.number, householdId);
		}
		if (set.tenGroupId != null) assertAssignableGroup(tx, target.villageId, set.tenGroupId);
		if (set.headMemberId != null) assertHeadCandidate(tx, householdId, set.headMemberId);
		if (Object.keys(set).length === 0) return;
		tx.update(households).set(set).where(eq(households.id, householdId)).run();
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: 'household.update',
			subjectType: 'household',
			subjectId: householdId,
			detail: audit
		});
	});
	return getHousehold(viewer, householdId);
}

/** Makes `memberId` — who must be an active member of this household — its 户主. */
export function setHouseholdHead(
	viewer: Viewer | null,
	householdId: number,
	memberId: number
): HouseholdDetail {
	return updateHousehold(viewer, householdId, { headMemberId: memberId });
}
