import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { createdAt, id } from './columns';
import { households, members } from './people';
import { ruleVersions, rules } from './rules';
import { villages } from './villages';

/**
 * reported → checked (by the household's 十户长, when the village has twoLevelReview) → approved by
 * the committee, which posts it on the notice board (公示) at once: status `posted` → `credited`
 * when the notice period has ended (a ledger entry with source ('slip', id)); or `rejected`.
 */
export const SLIP_STATUSES = ['reported', 'checked', 'posted', 'credited', 'rejected'] as const;
export type SlipStatus = (typeof SLIP_STATUSES)[number];

/** Who reported the deed: the villager, the person helped, a 十户长, a team leader, the committee. */
export const SLIP_SOURCES = ['self', 'helped', 'group_leader', 'team_leader', 'committee'] as const;
export type SlipSource = (typeof SLIP_SOURCES)[number];

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
		createdAt: createdAt()
	},
	(t) => [
		index('deposit_slips_village_status').on(t.villageId, t.status),
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
