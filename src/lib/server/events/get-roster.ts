import { and, asc, eq, ne } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { households, members } from '$lib/server/db/schema';
import { eventCheckins, eventSignups } from '$lib/server/db/schema/events';
import { authorize } from '$lib/server/permissions';
import { eventTarget } from './event-target';
import type { RosterRow } from './views';

/**
 * The organiser's roster: who signed up (in order; the waitlist after), who is checked in and
 * how, plus anyone checked in without signing up (open events). Full names: staff only.
 */
export function getRoster(viewer: Viewer | null, eventId: number): RosterRow[] {
	const { target } = eventTarget(eventId);
	authorize(viewer, 'events:organise', target);
	const checkins = new Map(
		db
			.select()
			.from(eventCheckins)
			.where(eq(eventCheckins.eventId, eventId))
			.all()
			.map((c) => [c.memberId, c])
	);
	const signups = db
		.select({
			memberId: eventSignups.memberId,
			name: members.name,
			householdNumber: households.number,
			status: eventSignups.status,
			onBehalfOfMemberId: eventSignups.onBehalfOfMemberId
		})
		.from(eventSignups)
		.innerJoin(members, eq(members.id, eventSignups.memberId))
		.innerJoin(households, eq(households.id, members.householdId))
		.where(and(eq(eventSignups.eventId, eventId), ne(eventSignups.status, 'cancelled')))
		.orderBy(asc(eventSignups.status), asc(eventSignups.position), asc(eventSignups.id))
		.all();
	const rows: RosterRow[] = signups.map((s) => {
		const c = checkins.get(s.memberId);
		checkins.delete(s.memberId);
		return {
			memberId: s.memberId,
			name: s.name,
			householdNumber: s.householdNumber,
			status: s.status,
			onBehalf: s.onBehalfOfMemberId !== null,
			checkedInAt: c ? c.at.toISOString() : null,
			method: c ? c.method : null
		};
	});
	for (const c of checkins.values()) {
		const who = db
			.select({ name: members.name, householdNumber: households.number })
			.from(members)
			.innerJoin(households, eq(households.id, members.householdId))
			.where(eq(members.id, c.memberId))
			.get()!;
		rows.push({
			memberId: c.memberId,
			...who,
			status: null,
			onBehalf: false,
			checkedInAt: c.at.toISOString(),
			method: c.method
		});
	}
	return rows;
}
