import { and, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { ledgerEntries } from '$lib/server/db/schema';
import { chainHead } from './chain-head';

export type PublicChainHead = {
	seq: number;
	hash: string;
	/** When the newest entry was posted (ISO); null before the village's first entry. */
	at: string | null;
};

/**
 * The chain head as the printed and online notice board show it (账本指纹): a villager who
 * keeps an old sheet can later ask the committee to show that the head they saw is still in
 * the chain, which it is only if no entry before it was changed.
 */
export function publicChainHead(villageId: number): PublicChainHead {
	const head = chainHead(villageId);
	const row =
		head.seq === 0
			? undefined
			: db
					.select({ createdAt: ledgerEntries.createdAt })
					.from(ledgerEntries)
					.where(and(eq(ledgerEntries.villageId, villageId), eq(ledgerEntries.seq, head.seq)))
					.get();
	return { ...head, at: row?.createdAt.toISOString() ?? null };
}
