import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { households, ledgerEntries } from '$lib/server/db/schema';
import { notFound } from '$lib/server/errors';
import type { Target } from '$lib/server/permissions';

/** The household an entry belongs to, as a permission target (404 if there is no such entry). */
export function entryTarget(entryId: number): Extract<Target, { kind: 'household' }> {
	const row = db
		.select({
			villageId: ledgerEntries.villageId,
			householdId: ledgerEntries.householdId,
			tenGroupId: households.tenGroupId
		})
		.from(ledgerEntries)
		.innerJoin(households, eq(ledgerEntries.householdId, households.id))
		.where(eq(ledgerEntries.id, entryId))
		.get();
	if (!row) throw notFound();
	return { kind: 'household', ...row };
}
