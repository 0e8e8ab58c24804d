import { integer } from 'drizzle-orm/sqlite-core';

/** Milliseconds since the epoch; every table stamps its rows with this. */
export const createdAt = () =>
	integer({ mode: 'timestamp_ms' })
		.notNull()
		.$defaultFn(() => new Date());

export const id = () => integer().primaryKey({ autoIncrement: true });
