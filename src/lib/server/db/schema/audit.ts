import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { createdAt, id } from './columns';
import { members } from './people';
import { villages } from './villages';

/**
 * Who did what. When an action is taken on someone's behalf (代办), actorUserId is the
 * person who pressed the button and onBehalfOfMemberId the member it was done for.
 */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: id(),
		villageId: integer().references(() => villages.id),
		actorUserId: integer().references(() => users.id),
		onBehalfOfMemberId: integer().references(() => members.id),
		action: text().notNull(),
		subjectType: text().notNull(),
		subjectId: integer(),
		detail: text({ mode: 'json' }).$type<Record<string, unknown>>(),
		createdAt: createdAt()
	},
	(t) => [index('audit_village').on(t.villageId, t.id)]
);

/** Stored first responses of mutating API requests, keyed by the client's Idempotency-Key. */
export const idempotencyKeys = sqliteTable(
	'idempotency_keys',
	{
		id: id(),
		/** "user:<id>" — keys are scoped to the caller so two users can't collide. */
		scope: text().notNull(),
		key: text().notNull(),
		method: text().notNull(),
		path: text().notNull(),
		requestHash: text().notNull(),
		status: integer().notNull(),
		body: text().notNull(),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('idempotency_scope_key').on(t.scope, t.key)]
);
