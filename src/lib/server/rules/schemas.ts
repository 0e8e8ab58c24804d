import { z } from 'zod';
import { zCheckbox, zOptionalInt } from '$lib/server/http/fields';
import * as m from '$lib/paraglide/messages';

/**
 * Input schemas of the rule book, shared by the committee's forms (strings) and the JSON API
 * (typed values), so both accept and refuse alike.
 */

/** true/false from a select ("true"/"false"), a checkbox ("on") or JSON; absent → `fallback`. */
const zFlag = (fallback: boolean) =>
	z
		.union([z.boolean(), z.enum(['on', 'true', '1', 'false', '0'])])
		.optional()
		.transform((v) =>
			v === undefined ? fallback : v === true || v === 'on' || v === 'true' || v === '1'
		);

const text = (min: number, max: number, message: () => string) =>
	z.string({ error: message }).trim().min(min, { error: message }).max(max, { error: message });

const ruleShape = {
	category: text(1, 30, () => m.points_v_category()),
	name: text(1, 60, () => m.points_v_rule_name()),
	description: text(0, 300, () => m.points_v_description()).default(''),
	/** Points per unit; negative for a deduction. */
	points: z.coerce
		.number({ error: () => m.points_v_points() })
		.int({ error: () => m.points_v_points() })
		.min(-1000, { error: () => m.points_v_points() })
		.max(1000, { error: () => m.points_v_points() })
		.refine((n) => n !== 0, { error: () => m.points_v_points() }),
	unit: text(1, 10, () => m.points_v_unit()).default('次'),
	/** Most units per household in a calendar month; empty for no cap. */
	monthlyCap: zOptionalInt(1, 1000).optional(),
	/** Most units per household in a calendar year; empty for no cap. */
	yearlyCap: zOptionalInt(1, 1000).optional(),
	photoRequired: zCheckbox,
	/** A select in the form (启用/停用); absent means active. */
	active: zFlag(true),
	/** Order within the rule book; empty puts the rule last. */
	sortOrder: zOptionalInt(0, 99999).optional()
};

const capsInOrder = (r: { monthlyCap?: number | null; yearlyCap?: number | null }) =>
	r.monthlyCap == null || r.yearlyCap == null || r.monthlyCap <= r.yearlyCap;
const capsIssue = { error: () => m.points_v_caps(), path: ['yearlyCap'] };

export const ZRuleFields = z.object(ruleShape).refine(capsInOrder, capsIssue);
export type RuleFields = z.infer<typeof ZRuleFields>;

/** A change to a rule: only the fields given change. */
export const ZRulePatch = z
	.object({ ...ruleShape, active: ruleShape.active.optional() })
	.partial()
	.refine(capsInOrder, capsIssue);
export type RulePatch = z.input<typeof ZRulePatch>;

/** "YYYY-MM-DD" of a real calendar day, or ""/null for not yet. */
const zDay = z
	.preprocess(
		(v) => (v === '' ? null : v),
		z
			.string({ error: () => m.points_v_adopted_on() })
			.regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => m.points_v_adopted_on() })
			.refine(
				(s) =>
					!Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
					new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
				{
					error: () => m.points_v_adopted_on()
				}
			)
			.nullable()
	)
	.optional();

/** How and when a version was adopted (required by the time it is published). */
export const ZVersionFields = z.object({
	adoptedBy: text(0, 60, () => m.points_v_adopted_by()).optional(),
	adoptedOn: zDay,
	resolution: text(0, 2000, () => m.points_v_resolution()).optional()
});
export type VersionFields = z.infer<typeof ZVersionFields>;

/** The public rule book: a village by its code, optionally an older version by number. */
export const ZRuleBookQuery = z.object({
	village: z.string().trim().min(1).max(40).optional(),
	version: z.coerce.number().int().min(1).optional()
});
