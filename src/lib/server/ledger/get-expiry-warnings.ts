import { eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { villages } from '$lib/server/db/schema';
import { householdTarget } from '$lib/server/people/targets';
import { authorize } from '$lib/server/permissions';
import { expires } from './expiry-policy';
import { openExpiryShares } from './expiry-shares';
import type { ExpiryWarning } from './expiry-views';

/**
 * The household's points about to lapse: those it has been warned about (runExpiry), at what the
 * ledger says now — spending them lowers the amount, so the page never overstates the loss.
 */
export function getExpiryWarnings(viewer: Viewer | null, householdId: number): ExpiryWarning[] {
	const target = householdTarget(householdId);
	authorize(viewer, 'ledger:view_household', target);
	const village = db.select().from(villages).where(eq(villages.id, target.villageId)).get();
	// A village that stopped expiring points has nothing to warn about.
	if (!village || !expires(village)) return [];
	return openExpiryShares(db, village, householdId).map((s) => ({
		points: s.points,
		lapsesOn: s.lapsesOn
	}));
}
