import { and, count, eq } from 'drizzle-orm';
import type { DB, Tx } from '$lib/server/db';
import { eventCheckins, eventSignups } from '$lib/server/db/schema/events';

export type EventCounts = { signedUp: number; waitlisted: number; checkedIn: number };

/** How many have checked in: the one count a check-in announces (its hot path reads only this). */
export function checkedInCount(q: DB | Tx, eventId: number): number {
	return (
		q.select({ n: count() }).from(eventCheckins).where(eq(eventCheckins.eventId, eventId)).get()
			?.n ?? 0
	);
}

/** Head counts of one event, read inside the caller's transaction when it has one. */
export function eventCounts(q: DB | Tx, eventId: number): EventCounts {
	const bySignup = (status: 'signed_up' | 'waitlisted') =>
		q
			.select({ n: count() })
			.from(eventSignups)
			.where(and(eq(eventSignups.eventId, eventId), eq(eventSignups.status, status)))
			.get()?.n ?? 0;
	return {
		signedUp: bySignup('signed_up'),
		waitlisted: bySignup('waitlisted'),
		checkedIn: checkedInCount(q, eventId)
	};
}
