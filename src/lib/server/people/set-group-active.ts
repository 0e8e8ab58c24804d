import { and, count, eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write } from '$lib/server/db';
import { households, tenGroups } from '$lib/server/db/schema';
import { notFound } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import * as m from '$lib/paraglide/messages';
import { getGroup } from './get-group';
import { stateConflict } from './rules';
import { groupTarget } from './targets';
import type { GroupDetail } from './views';

/**
 * Groups are never deleted. A group with active households can't be deactivated: the
 * committee first moves them to other groups, so no household is left without a 十户长 unseen.
 * An inactive group's leader no longer acts as 十户长.
 */
export function deactivateGroup(viewer: Viewer | null, groupId: number): GroupDetail {
	const target = groupTarget(groupId);
	authorize(viewer, 'people:manage', target);
	write((tx) => {
		const group = tx.select().from(tenGroups).where(eq(tenGroups.id, groupId)).get();
		if (!group) throw notFound();
		if (!group.active) return;
		const remaining =
			tx
				.select({ n: count() })
				.from(households)
				.where(and(eq(households.tenGroupId, groupId), eq(households.active, true)))
				.get()?.n ?? 0;
		if (remaining > 0) {
			throw stateConflict(m.people_group_not_empty({ name: group.name, count: remaining }));
		}
		tx.update(tenGroups).set({ active: false }).where(eq(tenGroups.id, groupId)).run();
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: 'group.deactivate',
			subjectType: 'group',
			subjectId: groupId
		});
	});
	return getGroup(viewer, groupId);
}

export function reactivateGroup(viewer: Viewer | null, groupId: number): GroupDetail {
	const target = groupTarget(groupId);
	authorize(viewer, 'people:manage', target);
	write((tx) => {
		const group = tx.select().from(tenGroups).where(eq(tenGroups.id, groupId)).get();
		if (!group) throw notFound();
		if (group.active) return;
		tx.update(tenGroups).set({ active: true }).where(eq(tenGroups.id, groupId)).run();
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: 'group.reactivate',
			subjectType: 'group',
			subjectId: groupId
		});
	});
	return getGroup(viewer, groupId);
}
