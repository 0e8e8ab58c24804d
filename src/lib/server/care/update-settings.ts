import type { z } from 'zod';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { careSettings } from '$lib/server/db/schema/care';
import { parseInput } from '$lib/server/people/schemas';
import { authorize } from '$lib/server/permissions';
import { careTarget } from './care-target';
import type { CareIntervals } from './intervals';
import { ZCareSettings } from './schemas';

/** The committee sets the visit interval (days) of each risk tier. */
export function updateCareSettings(
	viewer: Viewer | null,
	villageId: number,
	raw: z.input<typeof ZCareSettings>
): CareIntervals {
	const input = parseInput(ZCareSettings, raw);
	authorize(viewer, 'care:manage', careTarget(villageId));
	return write((tx) => {
		tx.insert(careSettings)
			.values({ villageId, ...input })
			.onConflictDoUpdate({ target: careSettings.villageId, set: input })
			.run();
		recordAudit(tx, {
			villageId,
			actorUserId: viewer.userId,
			action: 'care.update_settings',
			subjectType: 'village',
			subjectId: villageId,
			detail: input
		});
		return { high: input.highDays, medium: input.mediumDays, low: input.lowDays };
	});
}
