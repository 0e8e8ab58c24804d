import { eq } from 'drizzle-orm';
import { recordAudit } from '$lib/server/audit/record-audit';
import { hashPassword } from '$lib/server/auth/password';
import { phoneLimiter } from '$lib/server/auth/rate-limit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import { accountTarget } from './account-target';
import { endAllAccess } from './end-access';
import { ZResetPassword, type ResetPasswordInput } from './schemas';

/**
 * The committee sets a new password for a villager who forgot theirs (or lost their phone).
 * Every session and API token of that user ends, and the login throttle for the phone is
 * cleared so the villager can sign in with the new password straight away.
 */
export async function resetPassword(
	viewer: Viewer | null,
	userId: number,
	raw: ResetPasswordInput
): Promise<{ endedSessions: number }> {
	const { user, target } = accountTarget(userId);
	authorize(viewer, 'accounts:manage', target);
	const { password } = ZResetPassword.parse(raw);
	const passwordHash = await hashPassword(password);
	const result = write((tx) => {
		const changed = tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
		if (changed.changes === 0) throw new DomainError('not_found');
		const endedSessions = endAllAccess(tx, user.id);
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: 'account.reset_password',
			subjectType: 'user',
			subjectId: user.id,
			detail: { endedSessions }
		});
		return { endedSessions };
	});
	phoneLimiter.reset(user.phone);
	return result;
}
