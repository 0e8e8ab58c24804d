import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { createdAt, id } from './columns';
import { households, members } from './people';
import { ruleVersions, rules } from './rules';
import { villages } from './villages';

/**
 * earn: credited for a deed · deduct: a rule's deduction · redeem: spent at the points
 * supermarket · refund: a redemption given back · expire: points that lapsed under the village's
 * expiry policy · correct: the committee's reversal of an earlier entry (with a reason).
 */
export const ENTRY_KINDS = ['earn', 'deduct', 'redeem', 'refund', 'expire', 'correct'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** The prevHash of a village's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The household points ledger: append-only (triggers in the migration refuse UPDATE and DELETE;
 * a mistake is corrected by a reversing entry). Written only by postEntry()
 * (src/lib/server/ledger/post-entry.ts), which keeps households.balance equal to the sum and
 * chains the entries of each village: `seq` counts 1, 2, 3 … per village, `prevHash` is the
 * previous entry's `hash`, and `hash` is SHA-256 over the entry's fields and prevHash.
 */
export const ledgerEntries = sqliteTable(
	'ledger_entries',
	{
		id: id(),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		/** Position in the village's chain, from 1. */
		seq: integer().notNull(),
		householdId: integer()
			.notNull()
			.references(() => households.id),
		/** The member who earned (or lost) it; null for the household as a whole. */
		memberId: integer().references(() => members.id),
		kind: text({ enum: ENTRY_KINDS }).notNull(),
		/** Signed: earn/refund > 0, deduct/redeem/expire < 0, correct either way (never 0). */
		points: integer().notNull(),
		/** Where it came from, e.g. ('slip', 42), ('order', 7), ('entry', 12) for a correction. */
		sourceType: text().notNull(),
		sourceId: integer().notNull(),
		ruleId: integer().references(() => rules.id),
		ruleVersionId: integer().references(() => ruleVersions.id),
		/** The reason of a correction, or a short note. */
		note: text(),
		/** Who did it (null: the system, e.g. a credit after the 公示 period). */
		actorUserId: integer().references(() => users.id),
		/** 代办: the member it was done for. */
		onBehalfOfMemberId: integer().references(() => members.id),
		createdAt: createdAt(),
		/** The household's balance after this entry: the passbook's running balance. */
		balanceAfter: integer().notNull(),
		prevHash: text().notNull(),
		hash: text().notNull()
	},
	(t) => [
		// A retried request never posts twice.
		uniqueIndex('ledger_source').on(t.sourceType, t.sourceId, t.kind),
		uniqueIndex('ledger_village_seq').on(t.villageId, t.seq),
		index('ledger_household').on(t.householdId, t.id),
		// A village's entries of a period (the honour roll's month or year), not its whole history.
		index('ledger_village_time').on(t.villageId, t.createdAt),
		index('ledger_member').on(t.memberId),
		check(
			'ledger_sign_by_kind',
			sql`(${t.kind} in ('earn', 'refund') and ${t.points} > 0)
			or (${t.kind} in ('deduct', 'redeem', 'expire') and ${t.points} < 0)
			or (${t.kind} = 'correct' and ${t.points} <> 0)`
		),
		check('ledger_rule_pair', sql`(${t.ruleId} is null) = (${t.ruleVersionId} is null)`),
		check('ledger_seq', sql`${t.seq} >= 1`),
		check('ledger_hash_len', sql`length(${t.hash}) = 64 and length(${t.prevHash}) = 64`)
	]
);

export type LedgerEntry = typeof ledgerEntries.$inferSelect;

/**
 * Points lapsing under the village's expiry policy, one row per household and cutoff date. The
 * row is made when the household is warned (warnedAt) and completed when the expire entry is
 * posted at the cutoff (ledger source ('expiry', id)), so a warning is sent once and nothing
 * expires twice however often the job runs.
 */
export const pointExpiries = sqliteTable(
	'point_expiries',
	{
		id: id(),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		householdId: integer()
			.notNull()
			.references(() => households.id),
		/** "YYYY-MM-DD": the day the points lapse. */
		cutoff: text().notNull(),
		/** Points due to lapse, as estimated at the warning (the entry posts what is due then). */
		warnedPoints: integer().notNull().default(0),
		warnedAt: integer({ mode: 'timestamp_ms' }),
		expiredPoints: integer(),
		expiredAt: integer({ mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('point_expiries_household_cutoff').on(t.householdId, t.cutoff)]
);

export type PointExpiry = typeof pointExpiries.$inferSelect;
