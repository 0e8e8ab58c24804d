import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id } from './columns';

export const THRESHOLD_BASES = ['balance', 'earned'] as const;
export const EXPIRY_POLICIES = ['never', 'yearly', 'after_years'] as const;

/** The tenant. Every other row belongs to exactly one village. */
export const villages = sqliteTable(
	'villages',
	{
		id: id(),
		name: text().notNull(),
		/** Short unique code used in URLs and printed material, e.g. "liutiao". */
		code: text().notNull().unique(),
		town: text().notNull().default(''),
		redeemThreshold: integer().notNull().default(600),
		thresholdBasis: text({ enum: THRESHOLD_BASES }).notNull().default('balance'),
		noticeDays: integer().notNull().default(7),
		/** Points credited per confirmed volunteer hour. */
		pointsPerHour: integer().notNull().default(10),
		expiryPolicy: text({ enum: EXPIRY_POLICIES }).notNull().default('never'),
		/** "MM-DD" for the yearly policy. */
		expiryDate: text(),
		expiryYears: integer(),
		expiryWarnDays: integer().notNull().default(30),
		showRankings: integer({ mode: 'boolean' }).notNull().default(true),
		/** Whether the ten-household leader checks a slip before the committee. */
		twoLevelReview: integer({ mode: 'boolean' }).notNull().default(true),
		active: integer({ mode: 'boolean' }).notNull().default(true),
		createdAt: createdAt()
	},
	(t) => [
		check('villages_threshold_nonneg', sql`${t.redeemThreshold} >= 0`),
		check('villages_notice_days', sql`${t.noticeDays} between 0 and 60`),
		check('villages_points_per_hour', sql`${t.pointsPerHour} >= 0`)
	]
);

export type Village = typeof villages.$inferSelect;
