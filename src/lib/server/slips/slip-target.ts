import { eq } from 'drizzle-orm';
import { db, type DB, type Tx } from '$lib/server/db';
import { depositSlips, households, type DepositSlip } from '$lib/server/db/schema';
import { notFound } from '$lib/server/errors';
import type { Target } from '$lib/server/permissions';

/** A slip and the permission target of its household; not_found when there is none. */
export function loadSlip(
	id: number,
	q: DB | Tx = db
): { slip: DepositSlip; target: Extract<Target, { kind: 'household' }> } {
	const row = q
		.select({ slip: depositSlips, tenGroupId: households.tenGroupId })
		.from(depositSlips)
		.innerJoin(households, eq(households.id, depositSlips.householdId))
		.where(eq(depositSlips.id, id))
		.get();
	if (!row) throw notFound();
	const { slip, tenGroupId } = row;
	return {
		slip,
		target: {
			kind: 'household',
			villageId: slip.villageId,
			householdId: slip.householdId,
			tenGroupId
		}
	};
}
