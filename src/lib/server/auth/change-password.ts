import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { db, write } from '$lib/server/db';
import { sessions, users } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { disconnectSession } from '$lib/server/realtime/hub';
import type { Viewer } from './viewer';
import { hashPassword, verifyPasswordHash } from './password';
import { recordAudit } from '$lib/server/audit/record-audit';
import * as m from '$lib/paraglide/messages';

export const ZNewPassword = z
	.string()
	.min(8, { error: () => m.validation_new_password() })
	.max(200);

export const ZChangePassword = z.object({
	currentPassword: z.string().min(1).max(200),
	newPassword: ZNewPassword
});

/**
 * Changes the viewer's own password and ends every other session: whoever else knew the old
 * password is logged out. `keepSessionId` is the session making the change.
 */
export async function changePassword(
	viewer: Viewer,
	input: z.infer<typeof ZChangePassword>,
	keepSessionId: string | null
): Promise<void> {
	const user = db.select().from(users).where(eq(users.id, viewer.userId)).get();
	if (!user) throw new DomainError('not_found');
	if (!(await verifyPasswordHash(user.passwordHash, input.currentPassword))) {
		throw new DomainError('invalid_credentials', { message: m.error_wrong_current_password() });
	}
	const passwordHash = await hashPassword(input.newPassword);
	write((tx) => {
		tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
		const others = tx
			.select({ id: sessions.id })
			.from(sessions)
			.where(eq(sessions.userId, user.id))
			.all();
		for (const s of others) {
			if (s.id !== keepSessionId) {
				tx.delete(sessions).where(eq(sessions.id, s.id)).run();
				queueMicrotask(() => disconnectSession(s.id)); // its live sockets, after the commit
			}
		}
		recordAudit(tx, {
			villageId: user.villageId,
			actorUserId: user.id,
			action: 'password.change',
			subjectType: 'user',
			subjectId: user.id
		});
	});
}
