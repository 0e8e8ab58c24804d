import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { db, type DB, type Tx } from '$lib/server/db';
import { RULE_VERSION_STATUSES, rules, type Rule, type RuleVersion } from '$lib/server/db/schema';

/** What the rule-book services return (zod schemas document the JSON API). */

export const ZRuleView = z.object({
	id: z.number().int(),
	/** Stays the same when a new version copies the rule. */
	key: z.string(),
	category: z.string(),
	name: z.string(),
	description: z.string(),
	points: z.number().int(),
	unit: z.string(),
	monthlyCap: z.number().int().nullable(),
	yearlyCap: z.number().int().nullable(),
	photoRequired: z.boolean(),
	active: z.boolean(),
	sortOrder: z.number().int()
});
export type RuleView = z.infer<typeof ZRuleView>;

export const ZVersionSummary = z.object({
	id: z.number().int(),
	villageId: z.number().int(),
	number: z.number().int(),
	status: z.enum(RULE_VERSION_STATUSES),
	adoptedBy: z.string(),
	adoptedOn: z.string().nullable(),
	resolution: z.string(),
	publishedAt: z.string().nullable(),
	supersededAt: z.string().nullable()
});
export type VersionSummary = z.infer<typeof ZVersionSummary>;

export const ZVersionDetail = ZVersionSummary.extend({ rules: z.array(ZRuleView) });
export type VersionDetail = z.infer<typeof ZVersionDetail>;

export const ZRuleBook = z.object({
	village: z.object({ id: z.number().int(), name: z.string(), code: z.string(), town: z.string() }),
	/** null: the village has not published a rule book yet. */
	version: ZVersionDetail.nullable(),
	/** Every published version, newest first (the current one included). */
	history: z.array(ZVersionSummary)
});
export type RuleBook = z.infer<typeof ZRuleBook>;

export function versionSummary(v: RuleVersion): VersionSummary {
	return {
		id: v.id,
		villageId: v.villageId,
		number: v.number,
		status: v.status,
		adoptedBy: v.adoptedBy,
		adoptedOn: v.adoptedOn,
		resolution: v.resolution,
		publishedAt: v.publishedAt?.toISOString() ?? null,
		supersededAt: v.supersededAt?.toISOString() ?? null
	};
}

export function ruleView(r: Rule): RuleView {
	return {
		id: r.id,
		key: r.key,
		category: r.category,
		name: r.name,
		description: r.description,
		points: r.points,
		unit: r.unit,
		monthlyCap: r.monthlyCap,
		yearlyCap: r.yearlyCap,
		photoRequired: r.photoRequired,
		active: r.active,
		sortOrder: r.sortOrder
	};
}

/** A version with its rules in book order (sort order, then as added). */
export function versionDetail(v: RuleVersion, q: DB | Tx = db): VersionDetail {
	const rows = q
		.select()
		.from(rules)
		.where(eq(rules.versionId, v.id))
		.orderBy(asc(rules.sortOrder), asc(rules.id))
		.all();
	return { ...versionSummary(v), rules: rows.map(ruleView) };
}
