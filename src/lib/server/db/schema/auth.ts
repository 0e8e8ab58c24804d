import {
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import { createdAt, id } from './columns';
import { members } from './people';
import { villages } from './villages';

/** A login. Villagers' accounts point at their member row; a town admin's need not. */
export const users = sqliteTable(
	'users',
	{
		id: id(),
		phone: text().notNull().unique(),
		passwordHash: text().notNull(),
		name: text().notNull(),
		memberId: integer().references(() => members.id),
		/** The village a non-admin account belongs to. */
		villageId: integer().references(() => villages.id),
		isTownAdmin: integer({ mode: 'boolean' }).notNull().default(false),
		active: integer({ mode: 'boolean' }).notNull().default(true),
		createdAt: createdAt()
	},
	// One login per member (NULLs — accounts without a member — don't collide in SQLite).
	(t) => [uniqueIndex('users_member').on(t.memberId)]
);

/** Roles that are granted (the others — villager, household head, 十户长 — follow from the data). */
export const GRANTED_ROLES = ['committee', 'shopkeeper', 'team_leader'] as const;
export type GrantedRole = (typeof GRANTED_ROLES)[number];

export const roleGrants = sqliteTable(
	'role_grants',
	{
		userId: integer()
			.notNull()
			.references(() => users.id),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		role: text({ enum: GRANTED_ROLES }).notNull(),
		grantedBy: integer().references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.userId, t.villageId, t.role] })]
);

/** Lucia-style sessions: the id is the SHA-256 of the token the browser holds. */
export const sessions = sqliteTable(
	'sessions',
	{
		id: text().primaryKey(),
		userId: integer()
			.notNull()
			.references(() => users.id),
		expiresAt: integer({ mode: 'timestamp_ms' }).notNull(),
		createdAt: createdAt()
	},
	(t) => [index('sessions_user').on(t.userId)]
);

/** Bearer tokens for API clients; only the SHA-256 of the secret is stored. */
export const apiTokens = sqliteTable(
	'api_tokens',
	{
		id: id(),
		userId: integer()
			.notNull()
			.references(() => users.id),
		name: text().notNull(),
		tokenHash: text().notNull(),
		lastUsedAt: integer({ mode: 'timestamp_ms' }),
		revokedAt: integer({ mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('api_tokens_hash').on(t.tokenHash), index('api_tokens_user').on(t.userId)]
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
