import { z } from 'zod';
import { zId } from '$lib/server/http/fields';
import * as m from '$lib/paraglide/messages';

/** A committee correction: the reason is required and goes on the reversing entry. */
export const ZCorrectEntry = z.object({
	reason: z
		.string({ error: () => m.points_v_reason() })
		.trim()
		.min(2, { error: () => m.points_v_reason() })
		.max(200, { error: () => m.points_v_reason() })
});
export type CorrectEntryInput = z.infer<typeof ZCorrectEntry>;

/** Paging a statement: newest first, `before` an entry id for the next page. */
export const ZStatementQuery = z.object({
	limit: z.coerce.number().int().min(1).max(1000).default(100),
	before: zId.optional()
});
export type StatementQuery = z.infer<typeof ZStatementQuery>;

/** The committee's view of the village ledger: newest first, optionally one household (户号). */
export const ZVillageEntriesQuery = z.object({
	household: z.string().trim().max(30).optional(),
	limit: z.coerce.number().int().min(1).max(200).default(50),
	before: zId.optional()
});
export type VillageEntriesQuery = z.infer<typeof ZVillageEntriesQuery>;
