import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { createdAt, id } from './columns';
import { households, members } from './people';
import { villages } from './villages';

/** 志愿服务队 kinds named in seed 002/003; 其他 for anything else. */
export const TEAM_TYPES = ['党员先锋', '消防', '巡访关爱', '环境', '文艺', '其他'] as const;
export type TeamType = (typeof TEAM_TYPES)[number];

export const TEAM_ROLES = ['leader', 'member'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** applied → active (approved) or declined; active → left. A leader appointed by the committee starts active. */
export const TEAM_MEMBER_STATUSES = ['applied', 'active', 'declined', 'left'] as const;
export type TeamMemberStatus = (typeof TEAM_MEMBER_STATUSES)[number];

export const DEFAULT_STAR_THRESHOLDS = [100, 300, 600, 1000, 1500] as const;

export const volunteerTeams = sqliteTable(
	'volunteer_teams',
	{
		id: id(),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		name: text().notNull(),
		type: text({ enum: TEAM_TYPES }).notNull(),
		description: text().notNull().default(''),
		active: integer({ mode: 'boolean' }).notNull().default(true),
		createdBy: integer().references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('volunteer_teams_village_name').on(t.villageId, t.name),
		check('volunteer_teams_name', sql`length(${t.name}) > 0`)
	]
);

/** One row per (team, member): re-applying after leaving or a decline reuses the row. */
export const teamMembers = sqliteTable(
	'team_members',
	{
		id: id(),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		teamId: integer()
			.notNull()
			.references(() => volunteerTeams.id),
		memberId: integer()
			.notNull()
			.references(() => members.id),
		role: text({ enum: TEAM_ROLES }).notNull().default('member'),
		status: text({ enum: TEAM_MEMBER_STATUSES }).notNull().default('applied'),
		appliedAt: integer({ mode: 'timestamp_ms' }),
		/** 代办: the login that applied for the member, when not the member's own. */
		appliedBy: integer().references(() => users.id),
		decidedAt: integer({ mode: 'timestamp_ms' }),
		decidedBy: integer().references(() => users.id),
		declineReason: text(),
		leftAt: integer({ mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('team_members_team_member').on(t.teamId, t.memberId),
		index('team_members_member').on(t.memberId),
		check('team_members_declined', sql`${t.status} <> 'declined' or length(${t.declineReason}) > 0`)
	]
);

/** One activity logged at once for many attendees (each gets a service record). */
export const serviceActivities = sqliteTable(
	'service_activities',
	{
		id: id(),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		teamId: integer()
			.notNull()
			.references(() => volunteerTeams.id),
		content: text().notNull(),
		place: text().notNull().default(''),
		/** "YYYY-MM-DD" */
		serviceDate: text().notNull(),
		recordedBy: integer()
			.notNull()
			.references(() => users.id),
		/**
		 * A key the logging form carries from the page it was loaded on: a double-tapped or
		 * re-sent form logs the activity once (the API uses Idempotency-Key for the same).
		 */
		requestKey: text(),
		createdAt: createdAt()
	},
	(t) => [
		index('service_activities_team').on(t.teamId, t.id),
		uniqueIndex('service_activities_request_key').on(t.teamId, t.requestKey)
	]
);

export const DISPUTE_RESOLUTIONS = ['corrected', 'dismissed'] as const;
export type DisputeResolution = (typeof DISPUTE_RESOLUTIONS)[number];

/**
 * 志愿服务记录: confirmed when written (the organiser certifies by recording). Never edited except
 * for the dispute flags: a correction is a new row pointing at the record it corrects, with its own
 * (negative or positive) half-hours and a reason.
 */
export const serviceRecords = sqliteTable(
	'service_records',
	{
		id: id(),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		teamId: integer()
			.notNull()
			.references(() => volunteerTeams.id),
		activityId: integer().references(() => serviceActivities.id),
		memberId: integer()
			.notNull()
			.references(() => members.id),
		/** The member's household when the service was recorded: the one credited. */
		householdId: integer()
			.notNull()
			.references(() => households.id),
		/** "YYYY-MM-DD" */
		serviceDate: text().notNull(),
		/** Hours × 2. Negative only on a correction. */
		halfHours: integer().notNull(),
		content: text().notNull(),
		place: text().notNull().default(''),
		recordedBy: integer()
			.notNull()
			.references(() => users.id),
		correctsRecordId: integer(),
		correctionReason: text(),
		/** Points posted to the household for this record (rate × hours, fixed when recorded). */
		pointsCredited: integer().notNull().default(0),
		disputeReason: text(),
		disputedAt: integer({ mode: 'timestamp_ms' }),
		disputedBy: integer().references(() => users.id),
		resolvedAt: integer({ mode: 'timestamp_ms' }),
		resolvedBy: integer().references(() => users.id),
		resolution: text({ enum: DISPUTE_RESOLUTIONS }),
		resolutionNote: text(),
		createdAt: createdAt()
	},
	(t) => [
		index('service_records_member').on(t.memberId, t.serviceDate),
		index('service_records_team').on(t.teamId, t.serviceDate),
		index('service_records_activity').on(t.activityId),
		index('service_records_corrects').on(t.correctsRecordId),
		index('service_records_disputed')
			.on(t.villageId)
			.where(sql`${t.disputedAt} is not null and ${t.resolvedAt} is null`),
		check(
			'service_records_half_hours',
			sql`${t.halfHours} <> 0 and ${t.halfHours} between -200 and 48`
		),
		check(
			'service_records_negative_is_correction',
			sql`${t.halfHours} > 0 or ${t.correctsRecordId} is not null`
		),
		check(
			'service_records_correction_reason',
			sql`${t.correctsRecordId} is null or length(${t.correctionReason}) > 0`
		)
	]
);

/** Per-village volunteer settings: the star thresholds in hours (five, ascending). */
export const volunteerSettings = sqliteTable('volunteer_settings', {
	villageId: integer()
		.primaryKey()
		.references(() => villages.id),
	starThresholds: text({ mode: 'json' })
		.$type<number[]>()
		.notNull()
		.$defaultFn(() => [...DEFAULT_STAR_THRESHOLDS])
});

/**
 * A star level (星级志愿者) reached: announced on the notice board at announcedAt, granted when the
 * notice period ends (grantedAt set by the timer).
 */
export const starLevels = sqliteTable(
	'star_levels',
	{
		id: id(),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		memberId: integer()
			.notNull()
			.references(() => members.id),
		level: integer().notNull(),
		/** The threshold crossed, in hours. */
		thresholdHours: integer().notNull(),
		announcedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		grantsAt: integer({ mode: 'timestamp_ms' }).notNull(),
		grantedAt: integer({ mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('star_levels_member_level').on(t.memberId, t.level),
		index('star_levels_due')
			.on(t.grantsAt)
			.where(sql`${t.grantedAt} is null`),
		check('star_levels_level', sql`${t.level} between 1 and 5`)
	]
);

/** 志愿服务证明: a printed certificate, verifiable by number + token at /verify/<number>. */
export const volunteerCertificates = sqliteTable(
	'volunteer_certificates',
	{
		id: id(),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		number: text().notNull(),
		memberId: integer()
			.notNull()
			.references(() => members.id),
		issuedBy: integer()
			.notNull()
			.references(() => users.id),
		issuedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		totalHalfHours: integer().notNull(),
		token: text().notNull(),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('volunteer_certificates_number').on(t.number),
		index('volunteer_certificates_member').on(t.memberId)
	]
);

export type VolunteerTeam = typeof volunteerTeams.$inferSelect;
export type TeamMember = typeof teamMembers.$inferSelect;
export type ServiceActivity = typeof serviceActivities.$inferSelect;
export type ServiceRecord = typeof serviceRecords.$inferSelect;
export type StarLevel = typeof starLevels.$inferSelect;
export type VolunteerCertificate = typeof volunteerCertificates.$inferSelect;
