import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { createdAt, id } from './columns';
import { members } from './people';
import { serviceRecords, volunteerTeams } from './teams';
import { villages } from './villages';

/** Visit interval in days per risk tier: weekly / monthly / quarterly unless the village changes it. */
export const DEFAULT_CARE_INTERVALS = { high: 7, medium: 30, low: 90 } as const;

export const careSettings = sqliteTable(
	'care_settings',
	{
		villageId: integer()
			.primaryKey()
			.references(() => villages.id),
		highDays: integer().notNull().default(DEFAULT_CARE_INTERVALS.high),
		mediumDays: integer().notNull().default(DEFAULT_CARE_INTERVALS.medium),
		lowDays: integer().notNull().default(DEFAULT_CARE_INTERVALS.low)
	},
	(t) => [
		check(
			'care_settings_days',
			sql`${t.highDays} between 1 and 366 and ${t.mediumDays} between 1 and 366 and ${t.lowDays} between 1 and 366`
		)
	]
);

/**
 * 巡访关爱: one visit to one elderly member. Private: shown only to the committee and members of
 * 巡访关爱 teams. The hours, when any, live in the visitor's service record (points credited there).
 */
export const careVisits = sqliteTable(
	'care_visits',
	{
		id: id(),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		elderMemberId: integer()
			.notNull()
			.references(() => members.id),
		visitorMemberId: integer()
			.notNull()
			.references(() => members.id),
		teamId: integer().references(() => volunteerTeams.id),
		serviceRecordId: integer().references(() => serviceRecords.id),
		/** "YYYY-MM-DD" */
		visitedOn: text().notNull(),
		health: text().notNull().default(''),
		safety: text().notNull().default(''),
		living: text().notNull().default(''),
		needs: text().notNull().default(''),
		followUp: integer({ mode: 'boolean' }).notNull().default(false),
		followUpNote: text(),
		followUpResolvedAt: integer({ mode: 'timestamp_ms' }),
		followUpResolvedBy: integer().references(() => users.id),
		recordedBy: integer()
			.notNull()
			.references(() => users.id),
		/** Idempotency: the same key (form load or API Idempotency-Key) records the visit once. */
		requestKey: text(),
		createdAt: createdAt()
	},
	(t) => [
		index('care_visits_elder').on(t.elderMemberId, t.visitedOn),
		index('care_visits_village').on(t.villageId, t.visitedOn),
		index('care_visits_open_follow_up')
			.on(t.villageId)
			.where(sql`${t.followUp} = 1 and ${t.followUpResolvedAt} is null`),
		index('care_visits_request_key').on(t.recordedBy, t.requestKey)
	]
);

export type CareSettings = typeof careSettings.$inferSelect;
export type CareVisit = typeof careVisits.$inferSelect;
