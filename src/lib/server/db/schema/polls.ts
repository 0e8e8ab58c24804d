import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { createdAt, id } from './columns';
import { households, members } from './people';
import { villages } from './villages';

/**
 * 征求意见: the committee asks the village a question (e.g. which goods to stock next). A poll is
 * open until `closesAt`, or until the committee closes it early (`closedAt`); whichever is first.
 * Nothing is stored when the time passes: "closed" is always computed from both columns.
 */
export const polls = sqliteTable(
	'polls',
	{
		id: id(),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		title: text().notNull(),
		description: text().notNull().default(''),
		closesAt: integer({ mode: 'timestamp_ms' }).notNull(),
		/** Set when the committee closed the poll before `closesAt`. */
		closedAt: integer({ mode: 'timestamp_ms' }),
		closedBy: integer().references(() => users.id),
		/** Set once the village feed has been told the poll closed (early, or when first seen after closesAt). */
		closeAnnouncedAt: integer({ mode: 'timestamp_ms' }),
		createdBy: integer()
			.notNull()
			.references(() => users.id),
		/** The create form's / API call's one-time token: a resent request opens one poll. */
		clientToken: text(),
		createdAt: createdAt()
	},
	(t) => [
		index('polls_village').on(t.villageId, t.id),
		uniqueIndex('polls_client_token').on(t.villageId, t.clientToken),
		check('polls_title', sql`length(${t.title}) > 0`),
		check('polls_closed', sql`(${t.closedAt} is null) = (${t.closedBy} is null)`)
	]
);

export type Poll = typeof polls.$inferSelect;

export const pollOptions = sqliteTable(
	'poll_options',
	{
		id: id(),
		pollId: integer()
			.notNull()
			.references(() => polls.id),
		label: text().notNull(),
		sortOrder: integer().notNull()
	},
	(t) => [
		uniqueIndex('poll_options_order').on(t.pollId, t.sortOrder),
		uniqueIndex('poll_options_label').on(t.pollId, t.label),
		check('poll_options_label_len', sql`length(${t.label}) > 0`)
	]
);

export type PollOption = typeof pollOptions.$inferSelect;

/** One row per household and poll: changing the vote updates the row. */
export const pollVotes = sqliteTable(
	'poll_votes',
	{
		id: id(),
		pollId: integer()
			.notNull()
			.references(() => polls.id),
		householdId: integer()
			.notNull()
			.references(() => households.id),
		optionId: integer()
			.notNull()
			.references(() => pollOptions.id),
		votedBy: integer()
			.notNull()
			.references(() => users.id),
		/** 代办: the member the vote was cast for. */
		onBehalfOfMemberId: integer().references(() => members.id),
		createdAt: createdAt(),
		updatedAt: integer({ mode: 'timestamp_ms' })
			.notNull()
			.$defaultFn(() => new Date())
	},
	(t) => [
		uniqueIndex('poll_votes_household').on(t.pollId, t.householdId),
		index('poll_votes_option').on(t.optionId)
	]
);

export type PollVote = typeof pollVotes.$inferSelect;
