import type { z } from 'zod';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { volunteerSettings } from '$lib/server/db/schema/teams';
import { parseInput } from '$lib/server/people/schemas';
import { ownVillageTarget } from '$lib/server/people/scope';
import { authorize } from '$lib/server/permissions';
import { ZStarThresholds } from './schemas';

/** The committee sets the village's five star thresholds (hours, ascending). Applies from now on. */
export function setStarThresholds(
	viewer: Viewer | null,
	raw: z.input<typeof ZStarThresholds>
): { thresholds: number[] } {
	const { thresholds } = parseInput(ZStarThresholds, raw);
	const target = ownVillageTarget(viewer);
	authorize(viewer, 'teams:manage', target);
	return write((tx) => {
		tx.insert(volunteerSettings)
			.values({ villageId: target.villageId, starThresholds: thresholds })
			.onConflictDoUpdate({
				target: volunteerSettings.villageId,
				set: { starThresholds: thresholds }
			})
			.run();
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: 'team.star_thresholds',
			subjectType: 'village',
			subjectId: target.villageId,
			detail: { thresholds }
		});
		return { thresholds };
	});
}
