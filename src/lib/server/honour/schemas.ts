import { z } from 'zod';
import { zId } from '$lib/server/http/fields';
import { HONOUR_PERIODS } from './period';

/** ?period=month|year&group=<id>: from a page's query string or the API's. */
export const ZHonourQuery = z.object({
	period: z.enum(HONOUR_PERIODS).default('month'),
	group: zId.optional()
});

const ZVillagePublic = z.object({
	id: z.number().int(),
	name: z.string(),
	code: z.string(),
	town: z.string()
});

export const ZHonourRoll = z.object({
	village: ZVillagePublic,
	/** false: the village has switched rankings off; every list is then empty. */
	enabled: z.boolean(),
	period: z.enum(HONOUR_PERIODS),
	/** "2026-12" or "2026" (village time). */
	periodLabel: z.string(),
	/** The chosen ten-household group, when ?group= was given. */
	group: z.object({ id: z.number().int(), name: z.string() }).nullable(),
	groups: z.array(
		z.object({
			id: z.number().int(),
			name: z.string(),
			rank: z.number().int(),
			points: z.number().int(),
			households: z.number().int()
		})
	),
	households: z.array(
		z.object({
			rank: z.number().int(),
			/** The head's name masked (张*安); null when no head is on record. */
			name: z.string().nullable(),
			group: z.string().nullable(),
			points: z.number().int()
		})
	),
	/** How many households have points in the period (the list shows the first HONOUR_TOP). */
	ranked: z.number().int()
});
export type HonourRoll = z.infer<typeof ZHonourRoll>;

export const ZPlaque = z.object({
	village: ZVillagePublic,
	household: z.object({
		number: z.string(),
		name: z.string().nullable(),
		group: z.string().nullable()
	}),
	year: z.string(),
	/** Points of the household's deeds this year (village time). */
	points: z.number().int(),
	/** Rank in the village this year; null when rankings are off or there are no points yet. */
	rank: z.number().int().nullable(),
	/** top: among the village's first ten this year · good: has points · welcome: none yet. */
	standing: z.enum(['top', 'good', 'welcome'])
});
export type Plaque = z.infer<typeof ZPlaque>;

/** ?group=<id> on the committee's plaque sheet. */
export const ZPlaqueFilter = z.object({
	group: zId.optional()
});
