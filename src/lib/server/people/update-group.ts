import { eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write } from '$lib/server/db';
import { tenGroups } from '$lib/server/db/schema';
import { notFound } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import { getGroup } from './get-group';
import { assertGroupNameFree, assertLeaderCandidate, changesOf } from './rules';
import { parsePatch, ZGroupPatch, type GroupPatch } from './schemas';
import { groupTarget } from './targets';
import type { GroupDetail } from './views';

/**
 * Renames a group or changes its 十户长: an active member of an active household of this
 * village (the page offers the group's own members); null leaves the group without a leader.
 */
export function updateGroup(viewer: Viewer | null, groupId: number, raw: GroupPatch): GroupDetail {
	const target = groupTarget(groupId);
	authorize(viewer, 'people:manage', target);
	const patch = parsePatch(ZGroupPatch, raw);
	write((tx) => {
		const before = tx.select().from(tenGroups).where(eq(tenGroups.id, groupId)).get();
		if (!before) throw notFound();
		const { set, audit } = changesOf(before, patch);
		if (set.name !== undefined) assertGroupNameFree(tx, target.villageId, set.name, groupId);
		if (set.leaderMemberId != null) {
			assertLeaderCandidate(tx, target.villageId, set.leaderMemberId);
		}
		if (Object.keys(set).length === 0) return;
		tx.update(tenGroups).set(set).where(eq(tenGroups.id, groupId)).run();
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: 'group.update',
			subjectType: 'group',
			subjectId: groupId,
			detail: audit
		});
	});
	return getGroup(viewer, groupId);
}
