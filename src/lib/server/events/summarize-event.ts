import type { DB, Tx } from '$lib/server/db';
import type { Event } from '$lib/server/db/schema/events';
import { eventCounts } from './counts';
import type { EventSummary } from './views';

/** The public face of an event row, with its head counts. */
export function summarizeEvent(q: DB | Tx, e: Event): EventSummary {
	return {
		id: e.id,
		type: e.type,
		title: e.title,
		place: e.place,
		organiser: e.organiser,
		teamId: e.teamId,
		startsAt: e.startsAt.toISOString(),
		endsAt: e.endsAt.toISOString(),
		capacity: e.capacity,
		signupRequired: e.signupRequired,
		checkInOpensAt: e.checkInOpensAt.toISOString(),
		checkInClosesAt: e.checkInClosesAt.toISOString(),
		status: e.status,
		...eventCounts(q, e.id)
	};
}
