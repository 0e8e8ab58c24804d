import { z } from 'zod';
import { zId, zList, zOptionalText } from '$lib/server/http/fields';
import * as m from '$lib/paraglide/messages';
import { DEPOSIT_SLIP_RESPONSE } from './views';

export const MAX_INSPECTION_HOUSEHOLDS = 300;

const zDate = z
	.string()
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/)
	.refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));

/**
 * A committee inspection: one rule of the current rule book, the day of the walk, and the
 * households it scores — each once (quantity 1: an inspection rates a household, it doesn't count
 * deeds).
 */
export const ZRecordInspection = z.object({
	ruleId: zId,
	occurredOn: zDate,
	note: zOptionalText(500).transform((v) => v ?? ''),
	householdIds: zList(zId)
		.refine((ids) => ids.length >= 1, { error: () => m.inspections_none_chosen() })
		.refine((ids) => ids.length <= MAX_INSPECTION_HOUSEHOLDS, {
			error: () => m.inspections_too_many({ max: MAX_INSPECTION_HOUSEHOLDS })
		})
});

/** What recording an inspection returns: the inspection and the slip made for each household. */
export const ZInspectionResult = z.object({
	inspection: z.object({
		id: z.number().int(),
		villageId: z.number().int(),
		ruleId: z.number().int(),
		ruleVersionId: z.number().int(),
		occurredOn: z.string(),
		note: z.string(),
		recordedBy: z.number().int(),
		createdAt: z.string()
	}),
	slips: z.array(DEPOSIT_SLIP_RESPONSE)
});
