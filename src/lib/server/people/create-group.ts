import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write } from '$lib/server/db';
import { tenGroups } from '$lib/server/db/schema';
import { authorize } from '$lib/server/permissions';
import { getGroup } from './get-group';
import { assertGroupNameFree, assertLeaderCandidate } from './rules';
import { parseInput, ZGroupFields } from './schemas';
import { ownVillageTarget } from './scope';
import type { GroupDetail } from './views';
import type { z } from 'zod';

/** Adds a ten-household group (十户联组) to the viewer's village; the leader may come later. */
export function createGroup(viewer: Viewer | null, raw: z.input<typeof ZGroupFields>): GroupDetail {
	const target = ownVillageTarget(viewer);
	authorize(viewer, 'people:manage', target);
	const input = parseInput(ZGroupFields, raw);
	const { villageId } = target;
	const id = write((tx) => {
		assertGroupNameFree(tx, villageId, input.name);
		if (input.leaderMemberId !== null) assertLeaderCandidate(tx, villageId, input.leaderMemberId);
		const row = tx
			.insert(tenGroups)
			.values({ villageId, ...input })
			.returning({ id: tenGroups.id })
			.get();
		recordAudit(tx, {
			villageId,
			actorUserId: viewer.userId,
			action: 'group.create',
			subjectType: 'group',
			subjectId: row.id,
			detail: { ...input }
		});
		return row.id;
	});
	return getGroup(viewer, id);
}
