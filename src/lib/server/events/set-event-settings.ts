import type { z } from 'zod';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { eventSettings } from '$lib/server/db/schema/events';
import { DomainError } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { authorize } from '$lib/server/permissions';
import { ZEventSettings } from './schemas';

/** The committee chooses how attendance points are given in its village. */
export function setEventSettings(
	viewer: Viewer | null,
	raw: z.input<typeof ZEventSettings>
): z.output<typeof ZEventSettings> {
	const input = parseInput(ZEventSettings, raw);
	const villageId = viewer?.villageId ?? null;
	if (!viewer || villageId === null)
		throw new DomainError(viewer ? 'forbidden' : 'unauthenticated');
	authorize(viewer, 'events:settings', { kind: 'village', villageId });
	write((tx) => {
		tx.insert(eventSettings)
			.values({ villageId, attendancePoints: input.attendancePoints })
			.onConflictDoUpdate({
				target: eventSettings.villageId,
				set: { attendancePoints: input.attendancePoints }
			})
			.run();
		recordAudit(tx, {
			villageId,
			actorUserId: viewer.userId,
			action: 'event.settings',
			subjectType: 'village',
			subjectId: villageId,
			detail: input
		});
	});
	return input;
}
