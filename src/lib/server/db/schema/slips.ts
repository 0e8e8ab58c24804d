import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { createdAt, id } from './columns';
import { households, members } from './people';
import { ruleVersions, rules } from './rules';
import { villages } from './villages';

/**
 * reported → checked (by the household's 十户长, when the village has twoLevelReview) → approved by
 * the committee, which posts it on the notice board (公示) at once: status `posted` → `credited`
 * when the notice period has ended (a ledger entry with source ('slip', id)); or `rejected`; or
 * `withdrawn` when the committee upholds an objection raised during the notice period (a slip
 * with a standing objection is not credited until the objection is resolved).
 */
export const SLIP_STATUSES = [
	'reported',
	'checked',
	'posted',
	'credited',
	'rejected',
	'withdrawn'
] as const;
export type SlipStatus = (typeof SLIP_STATUSES)[number];

/** Who reported the deed: the villager, the person helped, a 十户长, a team leader, the committee. */
export const SLIP_SOURCES = ['self', 'helped', 'group_leader', 'team_leader', 'committee'] as const;
export type SlipSource = (typeof SLIP_SOURCES)[number];

/**
 * A committee inspection (e.g. the monthly 环境卫生 walk): one rule, one date, many households
 * scored at once. Each household scored gets its own slip pointing back here.
 */
export const inspections = sqliteTable(
	'inspections',
	{
		id: id(),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		ruleId: integer()
			.notNull()
			.references(() => rules.id),
		ruleVersionId: integer()
			.notNull()
			.references(() => ruleVersions.id),
		/** "YYYY-MM-DD" */
		occurredOn: text().notNull(),
		note: text().notNull().default(''),
		recordedBy: integer()
			.notNull()
			.references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [index('inspections_village').on(t.villageId, t.id)]
);

export type Inspection = typeof inspections.$inferSelect;

/** 道德存单: one reported deed of one member under one rule of the current rule book. */
export const depositSlips = sqliteTable(
	'deposit_slips',
	{
		id: id(),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		householdId: integer()
			.notNull()
			.references(() => households.id),
		/** Who did the deed. */
		memberId: integer()
			.notNull()
			.references(() => members.id),
		ruleId: integer()
			.notNull()
			.references(() => rules.id),
		ruleVersionId: integer()
			.notNull()
			.references(() => ruleVersions.id),
		quantity: integer().notNull().default(1),
		/** Rule points × quantity, fixed when reported (negative: a deduction). */
		points: integer().notNull(),
		note: text().notNull().default(''),
		/** "YYYY-MM-DD": when the deed happened. */
		occurredOn: text().notNull(),
		reportedBy: integer()
			.notNull()
			.references(() => users.id),
		reportedVia: text({ enum: SLIP_SOURCES }).notNull(),
		/** 代办: the member the report was made for. */
		onBehalfOfMemberId: integer().references(() => members.id),
		status: text({ enum: SLIP_STATUSES }).notNull().default('reported'),
		checkedBy: integer().references(() => users.id),
		checkedAt: integer({ mode: 'timestamp_ms' }),
		approvedBy: integer().references(() => users.id),
		/** On the notice board from postedAt until noticeEndsAt. */
		postedAt: integer({ mode: 'timestamp_ms' }),
		noticeEndsAt: integer({ mode: 'timestamp_ms' }),
		creditedAt: integer({ mode: 'timestamp_ms' }),
		rejectedBy: integer().references(() => users.id),
		rejectedAt: integer({ mode: 'timestamp_ms' }),
		rejectReason: text(),
		/** Photo evidence: the file name of the resized, metadata-free copy under the uploads dir. */
		photoKey: text(),
		/** Set when the slip came from a committee inspection scoring many households at once. */
		inspectionId: integer().references(() => inspections.id),
		withdrawnAt: integer({ mode: 'timestamp_ms' }),
		/** The report form's one-time key: the same form sent twice (a double tap) makes one slip. */
		requestKey: text(),
		createdAt: createdAt()
	},
	(t) => [
		index('deposit_slips_village_status').on(t.villageId, t.status),
		uniqueIndex('deposit_slips_request_key').on(t.reportedBy, t.requestKey),
		// A photo may back one slip only: insertSlip looks the key up before citing it.
		index('deposit_slips_photo').on(t.photoKey),
		index('deposit_slips_household').on(t.householdId, t.id),
		index('deposit_slips_due')
			.on(t.noticeEndsAt)
			.where(sql`${t.status} = 'posted'`),
		check('deposit_slips_quantity', sql`${t.quantity} between 1 and 100`),
		check('deposit_slips_points', sql`${t.points} <> 0`),
		check(
			'deposit_slips_posted',
			sql`${t.status} not in ('posted', 'credited') or (${t.postedAt} is not null and ${t.noticeEndsAt} is not null and ${t.approvedBy} is not null)`
		),
		check('deposit_slips_rejected', sql`${t.status} <> 'rejected' or length(${t.rejectReason}) > 0`)
	]
);

export type DepositSlip = typeof depositSlips.$inferSelect;

export const OBJECTION_STATUSES = ['standing', 'upheld', 'dismissed'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];

/**
 * An objection (异议) to a slip on the notice board, raised by a villager of the village during
 * the 公示 period. While one stands the slip is not credited; the committee upholds it (the slip
 * is withdrawn) or dismisses it (the slip proceeds), with a recorded reason.
 */
export const slipObjections = sqliteTable(
	'slip_objections',
	{
		id: id(),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		slipId: integer()
			.notNull()
			.references(() => depositSlips.id),
		raisedBy: integer()
			.notNull()
			.references(() => users.id),
		/** 代办: the member the objection was raised for. */
		onBehalfOfMemberId: integer().references(() => members.id),
		reason: text().notNull(),
		status: text({ enum: OBJECTION_STATUSES }).notNull().default('standing'),
		resolvedBy: integer().references(() => users.id),
		resolvedAt: integer({ mode: 'timestamp_ms' }),
		resolution: text(),
		createdAt: createdAt()
	},
	(t) => [
		// One objection per person per slip: a retried submit doesn't raise a second.
		uniqueIndex('slip_objections_slip_user').on(t.slipId, t.raisedBy),
		index('slip_objections_village_status').on(t.villageId, t.status),
		check('slip_objections_reason', sql`length(${t.reason}) > 0`),
		check(
			'slip_objections_resolved',
			sql`${t.status} = 'standing' or (${t.resolvedBy} is not null and length(${t.resolution}) > 0)`
		)
	]
);

export type SlipObjection = typeof slipObjections.$inferSelect;
