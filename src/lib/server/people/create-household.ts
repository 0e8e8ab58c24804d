import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write } from '$lib/server/db';
import { households } from '$lib/server/db/schema';
import { authorize } from '$lib/server/permissions';
import { recordFeed } from '$lib/server/realtime/publish';
import { roomName } from '$lib/realtime/events';
import { getHousehold } from './get-household';
import { assertAssignableGroup, assertHouseholdNumberFree } from './rules';
import { parseInput, ZHouseholdFields } from './schemas';
import { ownVillageTarget } from './scope';
import type { HouseholdDetail } from './views';
import type { z } from 'zod';

/** Adds a household to the viewer's village (committee). Its members are added after. */
export function createHousehold(
	viewer: Viewer | null,
	raw: z.input<typeof ZHouseholdFields>
): HouseholdDetail {
	const target = ownVillageTarget(viewer);
	authorize(viewer, 'people:manage', target);
	const input = parseInput(ZHouseholdFields, raw);
	const { villageId } = target;
	const id = write((tx) => {
		assertHouseholdNumberFree(tx, villageId, input.number);
		if (input.tenGroupId !== null) assertAssignableGroup(tx, villageId, input.tenGroupId);
		const row = tx
			.insert(households)
			.values({ villageId, ...input })
			.returning({ id: households.id })
			.get();
		// 村里动态: public, so only the 户号 (the head, if any, is added later and would be masked).
		recordFeed(tx, {
			villageId,
			room: roomName('village', villageId),
			type: 'household_joined',
			payload: { number: input.number, headName: null }
		});
		recordAudit(tx, {
			villageId,
			actorUserId: viewer.userId,
			action: 'household.create',
			subjectType: 'household',
			subjectId: row.id,
			detail: { ...input }
		});
		return row.id;
	});
	return getHousehold(viewer, id);
}
