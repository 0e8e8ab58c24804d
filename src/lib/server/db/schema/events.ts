import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { createdAt, id } from './columns';
import { members } from './people';
import { rules } from './rules';
import { villages } from './villages';

export const EVENT_TYPES = ['睦邻文化节', '楼长节', '运动会', '饺子宴', '其他'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_ORGANISERS = ['committee', 'team'] as const;
export type EventOrganiser = (typeof EVENT_ORGANISERS)[number];

export const EVENT_STATUSES = ['active', 'cancelled'] as const;

/**
 * 睦邻活动. `attendanceRuleId` is the rule of the rule book that attendance earns (null: no
 * points); when the rule book is republished, the rule with the same key in the published version
 * is used. `teamId` is the organising volunteer team (no foreign key: teams live in their own
 * module). `qrSecret` signs the rotating check-in QR code and never leaves the server.
 */
export const events = sqliteTable(
	'events',
	{
		id: id(),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		organiser: text({ enum: EVENT_ORGANISERS }).notNull(),
		teamId: integer(),
		type: text().notNull(),
		title: text().notNull(),
		description: text().notNull().default(''),
		place: text().notNull().default(''),
		startsAt: integer({ mode: 'timestamp_ms' }).notNull(),
		endsAt: integer({ mode: 'timestamp_ms' }).notNull(),
		/** Null: no limit. */
		capacity: integer(),
		signupRequired: integer({ mode: 'boolean' }).notNull().default(true),
		attendanceRuleId: integer().references(() => rules.id),
		checkInOpensAt: integer({ mode: 'timestamp_ms' }).notNull(),
		checkInClosesAt: integer({ mode: 'timestamp_ms' }).notNull(),
		status: text({ enum: EVENT_STATUSES }).notNull().default('active'),
		createdBy: integer()
			.notNull()
			.references(() => users.id),
		qrSecret: text().notNull(),
		createdAt: createdAt()
	},
	(t) => [
		index('events_village_starts').on(t.villageId, t.startsAt),
		check('events_ends_after_start', sql`${t.endsAt} >= ${t.startsAt}`),
		check('events_checkin_window', sql`${t.checkInClosesAt} > ${t.checkInOpensAt}`),
		check('events_capacity', sql`${t.capacity} is null or ${t.capacity} > 0`),
		check('events_team', sql`(${t.organiser} = 'team') = (${t.teamId} is not null)`)
	]
);

export const SIGNUP_STATUSES = ['signed_up', 'waitlisted', 'cancelled'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];

/**
 * One row per member and event; cancelling and signing up again reuses the row. `position` orders
 * the waitlist (the moment of the latest sign-up, in ms). `onBehalfOfMemberId` is set when
 * someone signed the member up for them (代办): the member whose account did it.
 */
export const eventSignups = sqliteTable(
	'event_signups',
	{
		id: id(),
		eventId: integer()
			.notNull()
			.references(() => events.id),
		memberId: integer()
			.notNull()
			.references(() => members.id),
		status: text({ enum: SIGNUP_STATUSES }).notNull(),
		position: integer().notNull(),
		signedUpBy: integer()
			.notNull()
			.references(() => users.id),
		onBehalfOfMemberId: integer().references(() => members.id),
		createdAt: createdAt(),
		updatedAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		uniqueIndex('event_signups_event_member').on(t.eventId, t.memberId),
		index('event_signups_event_status').on(t.eventId, t.status, t.position)
	]
);

export const CHECKIN_METHODS = ['qr', 'card', 'roster'] as const;
export type CheckinMethod = (typeof CHECKIN_METHODS)[number];

export const eventCheckins = sqliteTable(
	'event_checkins',
	{
		id: id(),
		eventId: integer()
			.notNull()
			.references(() => events.id),
		memberId: integer()
			.notNull()
			.references(() => members.id),
		method: text({ enum: CHECKIN_METHODS }).notNull(),
		by: integer()
			.notNull()
			.references(() => users.id),
		at: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(t) => [uniqueIndex('event_checkins_event_member').on(t.eventId, t.memberId)]
);

export const ATTENDANCE_POINTS_MODES = ['slip', 'credit'] as const;
export type AttendancePointsMode = (typeof ATTENDANCE_POINTS_MODES)[number];

/** Per-village event settings; a village without a row uses the defaults. */
export const eventSettings = sqliteTable('event_settings', {
	villageId: integer()
		.primaryKey()
		.references(() => villages.id),
	/** 'slip': attendance becomes a deposit slip in the normal review; 'credit': credited at once. */
	attendancePoints: text({ enum: ATTENDANCE_POINTS_MODES }).notNull().default('slip')
});

/** The token printed as a QR code on a member's card (会员卡), for staff to scan at events. */
export const memberCards = sqliteTable(
	'member_cards',
	{
		memberId: integer()
			.primaryKey()
			.references(() => members.id),
		token: text().notNull(),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('member_cards_token').on(t.token)]
);

export type Event = typeof events.$inferSelect;
export type EventSignup = typeof eventSignups.$inferSelect;
export type EventCheckin = typeof eventCheckins.$inferSelect;
