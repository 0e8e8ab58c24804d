import { desc, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { GENESIS_HASH, ledgerEntries } from '$lib/server/db/schema';

/**
 * The newest entry of a village's chain: its position and hash. Public by design (the notice
 * board shows it) — it reveals nothing about any household, and anyone holding an earlier head
 * can check that history was only ever added to.
 */
export function chainHead(villageId: number): { seq: number; hash: string } {
	const row = db
		.select({ seq: ledgerEntries.seq, hash: ledgerEntries.hash })
		.from(ledgerEntries)
		.where(eq(ledgerEntries.villageId, villageId))
		.orderBy(desc(ledgerEntries.seq))
		.limit(1)
		.get();
	return row ?? { seq: 0, hash: GENESIS_HASH };
}
