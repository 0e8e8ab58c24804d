import { and, eq } from 'drizzle-orm';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { roleGrants } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import { accountTarget } from './account-target';
import { ZRoleChange, type RoleChangeInput } from './schemas';

/**
 * Takes a granted role away. A committee member can't remove their own committee role (another
 * committee member must), so a village is never left without a committee by accident.
 */
export function revokeRole(
	viewer: Viewer | null,
	userId: number,
	raw: RoleChangeInput
): { changed: boolean } {
	const { user, target } = accountTarget(userId);
	authorize(viewer, 'roles:assign', target);
	const { role } = ZRoleChange.parse(raw);
	if (role === 'committee' && user.id === viewer.userId) throw new DomainError('self_lockout');
	return write((tx) => {
		const removed = tx
			.delete(roleGrants)
			.where(
				and(
					eq(roleGrants.userId, user.id),
					eq(roleGrants.villageId, target.villageId),
					eq(roleGrants.role, role)
				)
			)
			.run();
		if (removed.changes === 0) return { changed: false };
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: 'role.revoke',
			subjectType: 'user',
			subjectId: user.id,
			detail: { role }
		});
		return { changed: true };
	});
}
