import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { createdAt, id } from './columns';
import { villages } from './villages';

/**
 * A version of a village's 积分细则 (from its 村规民约). The committee edits a draft; publishing
 * it makes it the village's one current rule book and supersedes the previous one. Published and
 * superseded versions are read-only forever (the ledger cites them); SQLite triggers in the
 * migration refuse any change to them as a second line of defence.
 */
export const RULE_VERSION_STATUSES = ['draft', 'published', 'superseded'] as const;
export type RuleVersionStatus = (typeof RULE_VERSION_STATUSES)[number];

/** Categories the UI suggests; a village may use its own too. */
export const RULE_CATEGORIES = [
	'孝老爱亲',
	'环境卫生/门前三包',
	'移风易俗',
	'志愿服务',
	'邻里互助',
	'遵纪守法',
	'勤劳致富',
	'文明新风'
] as const;

export const ruleVersions = sqliteTable(
	'rule_versions',
	{
		id: id(),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		/** 1, 2, 3 … within the village. */
		number: integer().notNull(),
		status: text({ enum: RULE_VERSION_STATUSES }).notNull().default('draft'),
		/** How it was adopted, e.g. 村民代表会议. Required to publish. */
		adoptedBy: text().notNull().default(''),
		/** "YYYY-MM-DD". Required to publish. */
		adoptedOn: text(),
		/** The resolution text (决议), e.g. "经村民代表会议表决通过，应到 35 人，实到 32 人…". */
		resolution: text().notNull().default(''),
		publishedAt: integer({ mode: 'timestamp_ms' }),
		supersededAt: integer({ mode: 'timestamp_ms' }),
		createdBy: integer().references(() => users.id),
		publishedBy: integer().references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('rule_versions_village_number').on(t.villageId, t.number),
		// Exactly one current rule book and at most one draft per village.
		uniqueIndex('rule_versions_one_published')
			.on(t.villageId)
			.where(sql`${t.status} = 'published'`),
		uniqueIndex('rule_versions_one_draft')
			.on(t.villageId)
			.where(sql`${t.status} = 'draft'`),
		check('rule_versions_number', sql`${t.number} >= 1`),
		check(
			'rule_versions_published_at',
			sql`${t.status} = 'draft' or (${t.publishedAt} is not null and ${t.adoptedOn} is not null)`
		)
	]
);

/**
 * One rule of a version. `points` is what one unit earns (negative: a deduction). Caps count
 * units per household — "每月最多 2 次" — per calendar month and per calendar year; null means no
 * cap. (A cap in points is the count times the points, so counting units says the same thing in
 * the words villagers use.) `key` stays the same when a draft copies the rule into the next
 * version, so caps and history follow a rule across versions.
 */
export const rules = sqliteTable(
	'rules',
	{
		id: id(),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		versionId: integer()
			.notNull()
			.references(() => ruleVersions.id),
		key: text().notNull(),
		category: text().notNull(),
		name: text().notNull(),
		/** What counts, in a sentence or two. */
		description: text().notNull().default(''),
		points: integer().notNull(),
		/** 次, 月, 户, 年 … */
		unit: text().notNull().default('次'),
		monthlyCap: integer(),
		yearlyCap: integer(),
		photoRequired: integer({ mode: 'boolean' }).notNull().default(false),
		active: integer({ mode: 'boolean' }).notNull().default(true),
		sortOrder: integer().notNull().default(0),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('rules_version_key').on(t.versionId, t.key),
		index('rules_version_order').on(t.versionId, t.sortOrder),
		check('rules_points_nonzero', sql`${t.points} <> 0 and ${t.points} between -1000 and 1000`),
		check('rules_monthly_cap', sql`${t.monthlyCap} is null or ${t.monthlyCap} > 0`),
		check('rules_yearly_cap', sql`${t.yearlyCap} is null or ${t.yearlyCap} > 0`)
	]
);

export type RuleVersion = typeof ruleVersions.$inferSelect;
export type Rule = typeof rules.$inferSelect;
