import { and, eq, inArray } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { members } from '$lib/server/db/schema';
import { eventCheckins, eventSignups, type SignupStatus } from '$lib/server/db/schema/events';
import { listActableMembers } from '$lib/server/people/acting-for';

export type SignupChoice = {
	memberId: number;
	name: string;
	/** False: the viewer themself; true: someone they may act for (代办). */
	onBehalf: boolean;
	status: SignupStatus | null;
	checkedIn: boolean;
};

/**
 * Whom the viewer may sign up for this event: themself and the members they may act for (代办,
 * the same people as on /act-for), each with where they stand. Empty for staff accounts without
 * a household and for anonymous visitors.
 */
export function signupChoices(viewer: Viewer | null, eventId: number): SignupChoice[] {
	if (!viewer?.memberId || !viewer.roles.includes('villager')) return [];
	const self = db
		.select({ memberId: members.id, name: members.name })
		.from(members)
		.where(eq(members.id, viewer.memberId))
		.get();
	const people = [
		...(self ? [{ ...self, onBehalf: false }] : []),
		...listActableMembers(viewer).map((a) => ({
			memberId: a.memberId,
			name: a.name,
			onBehalf: true
		}))
	];
	const ids = people.map((p) => p.memberId);
	if (ids.length === 0) return [];
	const status = new Map(
		db
			.select({ memberId: eventSignups.memberId, status: eventSignups.status })
			.from(eventSignups)
			.where(and(eq(eventSignups.eventId, eventId), inArray(eventSignups.memberId, ids)))
			.all()
			.map((s) => [s.memberId, s.status])
	);
	const checked = new Set(
		db
			.select({ memberId: eventCheckins.memberId })
			.from(eventCheckins)
			.where(and(eq(eventCheckins.eventId, eventId), inArray(eventCheckins.memberId, ids)))
			.all()
			.map((c) => c.memberId)
	);
	return people.map((p) => ({
		...p,
		status: status.get(p.memberId) ?? null,
		checkedIn: checked.has(p.memberId)
	}));
}
