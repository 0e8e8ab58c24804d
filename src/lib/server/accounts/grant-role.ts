import { and, eq } from 'drizzle-orm';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { roleGrants } from '$lib/server/db/schema';
import { authorize } from '$lib/server/permissions';
import { recordFeed } from '$lib/server/realtime/publish';
import { roomName } from '$lib/realtime/events';
import { accountTarget } from './account-target';
import { ZRoleChange, type RoleChangeInput } from './schemas';

/** Grants committee, shopkeeper or team leader in the account's village. Granting twice is a no-op. */
export function grantRole(
	viewer: Viewer | null,
	userId: number,
	raw: RoleChangeInput
): { changed: boolean } {
	const { user, target } = accountTarget(userId);
	authorize(viewer, 'roles:assign', target);
	const { role } = ZRoleChange.parse(raw);
	return write((tx) => {
		const held = tx
			.select({ role: roleGrants.role })
			.from(roleGrants)
			.where(
				and(
					eq(roleGrants.userId, user.id),
					eq(roleGrants.villageId, target.villageId),
					eq(roleGrants.role, role)
				)
			)
			.get();
		if (held) return { changed: false };
		tx.insert(roleGrants)
			.values({ userId: user.id, villageId: target.villageId, role, grantedBy: viewer.userId })
			.run();
		// The village's staff room hears of it (sent once this commits).
		recordFeed(tx, {
			villageId: target.villageId,
			room: roomName('staff', target.villageId),
			type: 'role_granted',
			payload: { name: user.name, role }
		});
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: 'role.grant',
			subjectType: 'user',
			subjectId: user.id,
			detail: { role }
		});
		return { changed: true };
	});
}
