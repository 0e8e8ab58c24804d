import { and, asc, eq, lte, notExists } from 'drizzle-orm';
import { db, write } from '$lib/server/db';
import { depositSlips, slipObjections } from '$lib/server/db/schema';
import { creditSlip } from './credit-slip';

/**
 * Credits every posted slip whose 公示 period has ended by `now` — at startup (catching up on
 * whatever ended while the server was down) and every minute after. One transaction per slip,
 * each re-checking the status; the ledger's source uniqueness means nothing is credited twice
 * however often this runs. A slip with a standing objection waits for the committee's decision
 * (skipped here, and creditSlip checks again inside the transaction). Returns how many slips
 * were credited.
 */
export function creditDueSlips(now: Date = new Date()): number {
	const due = db
		.select({ id: depositSlips.id })
		.from(depositSlips)
		.where(
			and(
				eq(depositSlips.status, 'posted'),
				lte(depositSlips.noticeEndsAt, now),
				notExists(
					db
						.select({ id: slipObjections.id })
						.from(slipObjections)
						.where(
							and(eq(slipObjections.slipId, depositSlips.id), eq(slipObjections.status, 'standing'))
						)
				)
			)
		)
		.orderBy(asc(depositSlips.noticeEndsAt), asc(depositSlips.id))
		.all();
	let credited = 0;
	for (const { id } of due) {
		try {
			const ok = write((tx) => {
				const slip = tx.select().from(depositSlips).where(eq(depositSlips.id, id)).get();
				return slip ? creditSlip(tx, slip, now) : false;
			});
			if (ok) credited++;
		} catch (error) {
			// One household's problem (e.g. a ledger that fails its check) must not hold up the
			// rest; the slip stays posted and is tried again on the next run.
			console.error(`[jishan] crediting slip ${id} failed`, error);
		}
	}
	return credited;
}
