import { eq } from 'drizzle-orm';
import type { DB, Tx } from '$lib/server/db';
import { db } from '$lib/server/db';
import { events, type Event } from '$lib/server/db/schema/events';
import { notFound } from '$lib/server/errors';
import type { Target } from '$lib/server/permissions';

/** An event and what the permission module needs to judge an action on it. */
export function eventTarget(
	eventId: number,
	q: DB | Tx = db
): { event: Event; target: Extract<Target, { kind: 'event' }> } {
	const event = q.select().from(events).where(eq(events.id, eventId)).get();
	if (!event) throw notFound();
	return {
		event,
		target: {
			kind: 'event',
			villageId: event.villageId,
			eventId,
			organiser: event.organiser,
			teamId: event.teamId
		}
	};
}
