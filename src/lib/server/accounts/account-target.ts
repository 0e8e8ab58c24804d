import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { users, type User } from '$lib/server/db/schema';
import { notFound } from '$lib/server/errors';
import type { Target } from '$lib/server/permissions';

/**
 * Loads a login and the village it belongs to, for the permission check of an action on it.
 * Accounts outside every village (the town admins) are not any village's to manage: not found.
 */
export function accountTarget(userId: number): {
	user: User;
	target: Extract<Target, { kind: 'village' }>;
} {
	const user = db.select().from(users).where(eq(users.id, userId)).get();
	if (!user || user.villageId === null) throw notFound();
	return { user, target: { kind: 'village', villageId: user.villageId } };
}
