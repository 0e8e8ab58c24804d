import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '$lib/server/db';
import { apiTokens, sessions } from '$lib/server/db/schema';
import { disconnectUser } from '$lib/server/realtime/hub';

/**
 * Ends everything a user is signed in with — every browser session and every API token — inside
 * the caller's transaction. Used when the committee resets a password or deactivates an account:
 * whoever held the old credentials is out at once. Returns how many sessions were ended.
 */
export function endAllAccess(tx: Tx, userId: number, now = new Date()): number {
	const ended = tx.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
	tx.update(apiTokens)
		.set({ revokedAt: now })
		.where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
		.run();
	// And their live sockets, right after the caller's (synchronous) transaction has finished.
	queueMicrotask(() => disconnectUser(userId));
	return ended;
}
