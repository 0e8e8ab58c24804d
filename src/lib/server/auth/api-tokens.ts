import { and, eq, isNull } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { apiTokens, users } from '$lib/server/db/schema';
import { hashToken, sessionUserColumns, type SessionUser } from './session';

/** "Last used" is shown to the minute; writing it on every request would cost a commit each. */
const LAST_USED_PRECISION_MS = 60_000;

/**
 * Resolves a bearer token to its (active) user, or null. Records when it was last used, at most
 * once a minute.
 */
export function validateApiToken(token: string, now = new Date()): SessionUser | null {
	const row = db
		.select({
			tokenId: apiTokens.id,
			lastUsedAt: apiTokens.lastUsedAt,
			user: sessionUserColumns
		})
		.from(apiTokens)
		.innerJoin(users, eq(apiTokens.userId, users.id))
		.where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
		.get();
	if (!row || !row.user.active) return null;
	if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
		db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId)).run();
	}
	return row.user;
}
