import { eq } from 'drizzle-orm';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { events, type Event } from '$lib/server/db/schema/events';
import { authorize } from '$lib/server/permissions';
import { eventTarget } from './event-target';

/**
 * The organiser calls an event off: sign-ups and check-ins stay as they were (the record of what
 * happened), but nobody can sign up or check in any more. Cancelling twice changes nothing.
 */
export function cancelEvent(viewer: Viewer | null, eventId: number): Event {
	const { event, target } = eventTarget(eventId);
	authorize(viewer, 'events:organise', target);
	if (event.status === 'cancelled') return event;
	return write((tx) => {
		const cancelled = tx
			.update(events)
			.set({ status: 'cancelled' })
			.where(eq(events.id, eventId))
			.returning()
			.get();
		recordAudit(tx, {
			villageId: event.villageId,
			actorUserId: viewer.userId,
			action: 'event.cancel',
			subjectType: 'event',
			subjectId: eventId
		});
		return cancelled;
	});
}
