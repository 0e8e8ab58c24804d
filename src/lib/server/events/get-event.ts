import { desc, eq } from 'drizzle-orm';
import { maskName } from '$lib/realtime/mask';
import { db } from '$lib/server/db';
import { members, villages } from '$lib/server/db/schema';
import { eventCheckins } from '$lib/server/db/schema/events';
import { DomainError } from '$lib/server/errors';
import { can } from '$lib/server/permissions';
import { attendanceRule } from './attendance-rule';
import { eventTarget } from './event-target';
import { summarizeEvent } from './summarize-event';
import type { EventDetails } from './views';

/** One event's public page: details, head counts and the latest check-ins (names masked). */
export function getEvent(eventId: number): EventDetails {
	const { event, target } = eventTarget(eventId);
	// Public (events:view allows anyone), but asked all the same: the rule lives in one place.
	if (!can(null, 'events:view', target)) throw new DomainError('forbidden');
	const village = db
		.select({ id: villages.id, name: villages.name, code: villages.code })
		.from(villages)
		.where(eq(villages.id, event.villageId))
		.get()!;
	const rule = attendanceRule(db, event);
	const recent = db
		.select({ name: members.name, at: eventCheckins.at })
		.from(eventCheckins)
		.innerJoin(members, eq(members.id, eventCheckins.memberId))
		.where(eq(eventCheckins.eventId, eventId))
		.orderBy(desc(eventCheckins.id))
		.limit(20)
		.all();
	return {
		...summarizeEvent(db, event),
		description: event.description,
		village,
		attendance: rule ? { rule: rule.rule.name, points: rule.rule.points } : null,
		recentCheckins: recent.map((r) => ({ memberName: maskName(r.name), at: r.at.toISOString() }))
	};
}
