import { z } from 'zod';
import { ENTRY_KINDS } from '$lib/server/db/schema';

/**
 * What the ledger services return, as zod schemas (they document the JSON API) and the types
 * inferred from them. Times are ISO strings.
 */

export const ZEntryRule = z.object({
	id: z.number().int(),
	name: z.string(),
	category: z.string(),
	/** The rule-book version the entry applied (第 N 版). */
	versionId: z.number().int(),
	versionNumber: z.number().int()
});

export const ZEntryView = z.object({
	id: z.number().int(),
	/** Position in the village's hash chain. */
	seq: z.number().int(),
	householdId: z.number().int(),
	householdNumber: z.string(),
	at: z.string(),
	kind: z.enum(ENTRY_KINDS),
	points: z.number().int(),
	balanceAfter: z.number().int(),
	memberId: z.number().int().nullable(),
	memberName: z.string().nullable(),
	rule: ZEntryRule.nullable(),
	source: z.object({ type: z.string(), id: z.number().int() }),
	note: z.string().nullable(),
	actorName: z.string().nullable(),
	onBehalfOfName: z.string().nullable(),
	/** The correction that reversed this entry, if any. */
	correctedByEntryId: z.number().int().nullable(),
	hash: z.string()
});
export type EntryView = z.infer<typeof ZEntryView>;

export const ZMemberTotal = z.object({
	memberId: z.number().int().nullable(),
	name: z.string().nullable(),
	points: z.number().int()
});

export const ZStatement = z.object({
	household: z.object({
		id: z.number().int(),
		number: z.string(),
		villageId: z.number().int(),
		villageName: z.string(),
		headName: z.string().nullable(),
		address: z.string()
	}),
	balance: z.number().int(),
	earnedToDate: z.number().int(),
	/** Sums by kind over the whole history. */
	totals: z.object({
		earn: z.number().int(),
		deduct: z.number().int(),
		redeem: z.number().int(),
		refund: z.number().int(),
		expire: z.number().int(),
		correct: z.number().int()
	}),
	/** Which member earned what (deeds and their corrections); null is the household as a whole. */
	byMember: z.array(ZMemberTotal),
	entryCount: z.number().int(),
	/** Newest first. */
	entries: z.array(ZEntryView),
	/** Pass as `before` for the next (older) page; null on the last page. */
	nextBefore: z.number().int().nullable()
});
export type Statement = z.infer<typeof ZStatement>;

export const ZVillageEntries = z.object({
	entries: z.array(ZEntryView),
	nextBefore: z.number().int().nullable()
});
export type VillageEntries = z.infer<typeof ZVillageEntries>;

export const ZMismatch = z.object({
	problem: z.string(),
	villageId: z.number().int(),
	entryId: z.number().int().nullable(),
	seq: z.number().int().nullable(),
	householdId: z.number().int().nullable(),
	expected: z.union([z.string(), z.number()]),
	found: z.union([z.string(), z.number()])
});

export const ZVerifyReport = z.object({
	ok: z.boolean(),
	villageId: z.number().int(),
	entries: z.number().int(),
	/** The chain head: the newest entry's hash (64 zeros when there is none). */
	head: z.object({ seq: z.number().int(), hash: z.string() }),
	mismatch: ZMismatch.nullable(),
	checkedAt: z.string()
});
export type VerifyReport = z.infer<typeof ZVerifyReport>;
