import { z } from 'zod';
import { FUNDING_SOURCES } from '$lib/server/db/schema';
import * as m from '$lib/paraglide/messages';

/** The month of a report, "YYYY-MM"; left out (or empty, from the picker): the current month. */
export const ZReportQuery = z.object({
	month: z
		.string({ error: () => m.shopreport_v_month() })
		.trim()
		.regex(/^$|^20\d\d-(0[1-9]|1[0-2])$/, { error: () => m.shopreport_v_month() })
		.optional()
		.transform((v) => v || undefined)
});

const int = () => z.number().int();

export const ZMonthlyReport = z.object({
	village: z.object({ id: int(), name: z.string() }),
	/** "YYYY-MM", and its first instant and the next month's (Asia/Shanghai). */
	month: z.string(),
	start: z.string(),
	end: z.string(),
	redemptions: z.object({
		/** Orders handed over in the month (the points were posted then). */
		orders: int(),
		units: int(),
		points: int(),
		byItem: z.array(
			z.object({
				itemId: int(),
				name: z.string(),
				category: z.string(),
				quantity: int(),
				points: int()
			})
		),
		byHousehold: z.array(
			z.object({
				householdId: int(),
				number: z.string(),
				headName: z.string().nullable(),
				orders: int(),
				units: int(),
				points: int()
			})
		)
	}),
	/**
	 * The stock book per item, from its movements: opening + purchased + donated + returned −
	 * redeemed + corrected = closing. Goods leave the shelf when an order is placed (redeemed) and
	 * come back when it is cancelled (returned); corrected is the signed stocktake correction.
	 */
	stock: z.array(
		z.object({
			itemId: int(),
			name: z.string(),
			active: z.boolean(),
			pointsPrice: int(),
			opening: int(),
			purchased: int(),
			donated: int(),
			returned: int(),
			redeemed: int(),
			corrected: int(),
			closing: int(),
			/** closing × today's price. */
			closingPoints: int()
		})
	),
	donations: z.object({
		units: int(),
		valueYuan: int(),
		list: z.array(
			z.object({
				id: int(),
				createdAt: z.string(),
				donor: z.string(),
				fundingSource: z.enum(FUNDING_SOURCES),
				itemName: z.string(),
				quantity: int(),
				valueYuan: int().nullable()
			})
		)
	}),
	/**
	 * Points the village owes its households against what the shelf holds, at the month's end
	 * (or now, for the current month). Reserved points belong to orders whose goods have already
	 * left the shelf, so the shelf answers for the unreserved points: coverage = stockPoints ÷
	 * unreserved (null when nothing is unreserved).
	 */
	liability: z.object({
		asOf: z.string(),
		households: int(),
		balance: int(),
		reserved: int(),
		unreserved: int(),
		stockUnits: int(),
		stockPoints: int(),
		coverage: z.number().nullable()
	})
});
export type MonthlyReport = z.infer<typeof ZMonthlyReport>;
