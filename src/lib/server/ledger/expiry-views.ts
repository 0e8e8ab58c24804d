import { z } from 'zod';
import { EXPIRY_POLICIES } from '$lib/server/db/schema';

/** A household's points about to lapse, as the household page shows them. */
export const ZExpiryWarning = z.object({
	points: z.number().int().positive(),
	/** "YYYY-MM-DD": the day they lapse (spend them before it). */
	lapsesOn: z.iso.date()
});
export type ExpiryWarning = z.infer<typeof ZExpiryWarning>;

const ZHouseholdRef = z.object({
	householdId: z.number().int(),
	householdNumber: z.string(),
	headName: z.string().nullable()
});

/** The committee's view of a village's expiries: the policy, who was warned, what lapsed. */
export const ZExpiryList = z.object({
	policy: z.object({
		expiryPolicy: z.enum(EXPIRY_POLICIES),
		expiryDate: z.string().nullable(),
		expiryYears: z.number().int().nullable(),
		expiryWarnDays: z.number().int(),
		/** The next cutoff after today, null when points never lapse. */
		nextCutoff: z.iso.date().nullable()
	}),
	/** Warned and not yet lapsed; points as the ledger stands now. */
	upcoming: z.array(
		ZHouseholdRef.extend({
			cutoff: z.iso.date(),
			lapsesOn: z.iso.date(),
			points: z.number().int().positive(),
			warnedAt: z.iso.datetime().nullable()
		})
	),
	/** The latest lapses (at most 50), newest first. */
	recent: z.array(
		ZHouseholdRef.extend({
			cutoff: z.iso.date(),
			points: z.number().int().positive(),
			expiredAt: z.iso.datetime()
		})
	)
});
export type ExpiryList = z.infer<typeof ZExpiryList>;
