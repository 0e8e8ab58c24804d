import { z } from 'zod';
import { EXPIRY_POLICIES, THRESHOLD_BASES, type Village } from '$lib/server/db/schema';
import { zCheckbox } from '$lib/server/http/fields';
import * as m from '$lib/paraglide/messages';

/**
 * A village's own rules (DESIGN.md → Village). One schema serves the settings form (strings,
 * checkboxes) and the JSON API; the API's PATCH sends only what changes, which is merged with
 * the stored settings and then checked whole, so "yearly needs a date" holds either way.
 * (Kept apart from ./schemas.ts, which holds the village creation schemas.)
 */

/** A whole number in [min, max]; "" and absence are "missing", with one message for all. */
const int = (min: number, max: number, message: () => string) =>
	z.preprocess(
		(v) => (v === '' || v === null ? undefined : typeof v === 'string' ? v.trim() : v),
		z.coerce
			.number({ error: message })
			.int({ error: message })
			.min(min, { error: message })
			.max(max, { error: message })
	);

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * "MM-DD" (also "M-D", "MM/DD" or "MM月DD日"), normalised to "MM-DD". 29 February is refused:
 * most years have none, and points must expire on a day every year has.
 */
export const ZMonthDay = z
	.string({ error: () => m.village_settings_expiry_date_invalid() })
	.trim()
	.transform((v, ctx) => {
		const match = /^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(v);
		const month = match ? Number(match[1]) : 0;
		const day = match ? Number(match[2]) : 0;
		if (month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month - 1] ?? 0)) {
			ctx.addIssue({ code: 'custom', message: m.village_settings_expiry_date_invalid() });
			return z.NEVER;
		}
		return `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
	});

const fields = {
	/** Points a household needs before it may redeem (DESIGN: default 600). */
	redeemThreshold: int(0, 1_000_000, () => m.village_settings_threshold_invalid()),
	thresholdBasis: z.enum(THRESHOLD_BASES, { error: () => m.village_settings_basis_invalid() }),
	/** 公示 period in days. */
	noticeDays: int(0, 60, () => m.village_settings_notice_days_invalid()),
	pointsPerHour: int(0, 1000, () => m.village_settings_points_per_hour_invalid()),
	expiryPolicy: z.enum(EXPIRY_POLICIES, {
		error: () => m.village_settings_expiry_policy_invalid()
	}),
	/** "MM-DD", for the yearly policy (checked below, only when that policy is chosen). */
	expiryDate: z.string().nullish(),
	/** For the "after N years" policy (checked below, likewise). */
	expiryYears: z.union([z.string(), z.number()]).nullish(),
	/** How many days before expiry households are warned. */
	expiryWarnDays: int(0, 365, () => m.village_settings_warn_days_invalid()),
	showRankings: zCheckbox,
	twoLevelReview: zCheckbox
};

const ZExpiryYears = int(1, 50, () => m.village_settings_expiry_years_invalid());
const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && !v.trim());

/**
 * The whole settings, checked together. The expiry date and years are checked only for the
 * policy that uses them, and cleared otherwise (a leftover date under "never" means nothing).
 */
export const ZVillageSettings = z.object(fields).transform((s, ctx) => {
	let expiryDate: string | null = null;
	let expiryYears: number | null = null;
	if (s.expiryPolicy === 'yearly') {
		const date = ZMonthDay.safeParse(s.expiryDate);
		if (blank(s.expiryDate) || !date.success) {
			ctx.addIssue({
				code: 'custom',
				path: ['expiryDate'],
				message: blank(s.expiryDate)
					? m.village_settings_expiry_date_required()
					: m.village_settings_expiry_date_invalid()
			});
		} else expiryDate = date.data;
	}
	if (s.expiryPolicy === 'after_years') {
		const years = ZExpiryYears.safeParse(s.expiryYears);
		if (blank(s.expiryYears) || !years.success) {
			ctx.addIssue({
				code: 'custom',
				path: ['expiryYears'],
				message: blank(s.expiryYears)
					? m.village_settings_expiry_years_required()
					: m.village_settings_expiry_years_invalid()
			});
		} else expiryYears = years.data;
	}
	return { ...s, expiryDate, expiryYears };
});
export type VillageSettings = z.output<typeof ZVillageSettings>;
export type VillageSettingsInput = z.input<typeof ZVillageSettings>;

/** A JSON PATCH: any subset of the settings, typed as JSON sends them; unknown keys are refused. */
export const ZVillageSettingsPatch = z.strictObject(
	{
		redeemThreshold: z
			.number({ error: () => m.village_settings_threshold_invalid() })
			.int({ error: () => m.village_settings_threshold_invalid() })
			.optional(),
		thresholdBasis: fields.thresholdBasis.optional(),
		noticeDays: z
			.number({ error: () => m.village_settings_notice_days_invalid() })
			.int({ error: () => m.village_settings_notice_days_invalid() })
			.optional(),
		pointsPerHour: z
			.number({ error: () => m.village_settings_points_per_hour_invalid() })
			.int({ error: () => m.village_settings_points_per_hour_invalid() })
			.optional(),
		expiryPolicy: fields.expiryPolicy.optional(),
		expiryDate: z
			.string({ error: () => m.village_settings_expiry_date_invalid() })
			.nullable()
			.optional(),
		expiryYears: z
			.number({ error: () => m.village_settings_expiry_years_invalid() })
			.int({ error: () => m.village_settings_expiry_years_invalid() })
			.nullable()
			.optional(),
		expiryWarnDays: z
			.number({ error: () => m.village_settings_warn_days_invalid() })
			.int({ error: () => m.village_settings_warn_days_invalid() })
			.optional(),
		showRankings: z.boolean({ error: () => m.village_settings_flag_invalid() }).optional(),
		twoLevelReview: z.boolean({ error: () => m.village_settings_flag_invalid() }).optional()
	},
	{
		error: (issue) =>
			issue.code === 'unrecognized_keys'
				? m.village_settings_unknown_field({ keys: issue.keys.join(', ') })
				: undefined
	}
);
export type VillageSettingsPatch = z.input<typeof ZVillageSettingsPatch>;

/** The settings as stored, in the shape the schema checks. */
export function settingsOf(v: Village): VillageSettings {
	return {
		redeemThreshold: v.redeemThreshold,
		thresholdBasis: v.thresholdBasis,
		noticeDays: v.noticeDays,
		pointsPerHour: v.pointsPerHour,
		expiryPolicy: v.expiryPolicy,
		expiryDate: v.expiryDate,
		expiryYears: v.expiryYears,
		expiryWarnDays: v.expiryWarnDays,
		showRankings: v.showRankings,
		twoLevelReview: v.twoLevelReview
	};
}
