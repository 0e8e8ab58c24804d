import { and, eq, isNull } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { apiTokens, users } from '$lib/server/db/schema';
import { hashToken, type SessionUser } from './session';

/** Resolves a bearer token to its (active) user, or null. Records when it was last used. */
export function validateApiToken(token: string, now = new Date()): SessionUser | null {
	const row = db
		.select({
			tokenId: apiTokens.id,
			user: {
				id: users.id,
				phone: users.phone,
				name: users.name,
				memberId: users.memberId,
				villageId: users.villageId,
				isTownAdmin: users.isTownAdmin,
				active: users.active
			}
		})
		.from(apiTokens)
		.innerJoin(users, eq(apiTokens.userId, users.id))
		.where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
		.get();
	if (!row || !row.user.active) return null;
	db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId)).run();
	return row.user;
}
