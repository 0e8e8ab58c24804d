import { eq } from 'drizzle-orm';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import { accountTarget } from './account-target';
import { endAllAccess } from './end-access';
import { ZSetActive, type SetActiveInput } from './schemas';

/**
 * Deactivates (ending every session and token) or reactivates a login. Nothing is deleted: the
 * account's history stays. Nobody can deactivate themself, so a committee can't lock its own
 * village out by accident.
 */
export function setAccountActive(
	viewer: Viewer | null,
	userId: number,
	raw: SetActiveInput
): { active: boolean; changed: boolean } {
	const { user, target } = accountTarget(userId);
	authorize(viewer, 'accounts:manage', target);
	const { active } = ZSetActive.parse(raw);
	if (!active && user.id === viewer.userId) throw new DomainError('self_lockout');
	return write((tx) => {
		const current = tx
			.select({ active: users.active })
			.from(users)
			.where(eq(users.id, user.id))
			.get();
		if (!current) throw new DomainError('not_found');
		if (current.active === active) return { active, changed: false };
		tx.update(users).set({ active }).where(eq(users.id, user.id)).run();
		const endedSessions = active ? 0 : endAllAccess(tx, user.id);
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: active ? 'account.reactivate' : 'account.deactivate',
			subjectType: 'user',
			subjectId: user.id,
			detail: active ? {} : { endedSessions }
		});
		return { active, changed: true };
	});
}
