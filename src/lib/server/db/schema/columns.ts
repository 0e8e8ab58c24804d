import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { integer } from 'drizzle-orm/sqlite-core';

/** Milliseconds since the epoch; every table stamps its rows with this. */
export const createdAt = () =>
	integer({ mode: 'timestamp_ms' })
		.notNull()
		.$defaultFn(() => new Date());

export const id = () => integer().primaryKey({ autoIncrement: true });

/** 80 random bits as 16 lower-case base32 characters: short enough for a QR code, not guessable. */
export function newPlaqueToken(): string {
	const bytes = new Uint8Array(10);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}
