import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { events } from '$lib/server/db/schema/events';
import { can } from '$lib/server/permissions';
import { eventTarget } from './event-target';

/**
 * Events of the viewer's village whose check-in is open now and which the viewer runs — where a
 * scanned member card can be used (the card itself names no event).
 */
export function listOpenCheckins(
	viewer: Viewer | null,
	now: Date = new Date()
): { id: number; title: string; place: string }[] {
	if (!viewer?.villageId) return [];
	return db
		.select({ id: events.id, title: events.title, place: events.place })
		.from(events)
		.where(
			and(
				eq(events.villageId, viewer.villageId),
				eq(events.status, 'active'),
				lte(events.checkInOpensAt, now),
				gte(events.checkInClosesAt, now)
			)
		)
		.orderBy(asc(events.startsAt), asc(events.id))
		.all()
		.filter((e) => can(viewer, 'events:organise', eventTarget(e.id).target));
}
