import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { roomName } from '$lib/realtime/events';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { members } from '$lib/server/db/schema';
import { eventSignups, type EventSignup } from '$lib/server/db/schema/events';
import { DomainError } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { memberTarget } from '$lib/server/people/targets';
import { authorize, can } from '$lib/server/permissions';
import { recordFeed } from '$lib/server/realtime/publish';
import { eventCounts } from './counts';
import { eventTarget } from './event-target';
import { ZSignup } from './schemas';

export type CancelResult = {
	signup: EventSignup | null;
	/** The member who moved up from the waitlist into the freed place, if any. */
	promoted: EventSignup | null;
};

/**
 * Cancels a member's sign-up (themself, 代办, or the event's organiser). A freed place goes at
 * once, in the same transaction, to the first on the waitlist, whose household is told. Cancelling
 * what is already cancelled (or was never there) changes nothing.
 */
export function cancelSignup(
	viewer: Viewer | null,
	raw: z.input<typeof ZSignup>,
	options: { now?: Date } = {}
): CancelResult {
	const input = parseInput(ZSignup, raw);
	const now = options.now ?? new Date();
	const { event, target } = eventTarget(input.eventId);
	const member = memberTarget(input.memberId);
	if (!can(viewer, 'events:organise', target)) authorize(viewer, 'events:signup', member);
	if (!viewer) throw new DomainError('unauthenticated');
	if (now > event.endsAt) throw new DomainError('event_signup_closed');
	const onBehalfOfMemberId = input.memberId === viewer.memberId ? null : input.memberId;
	return write((tx) => {
		const existing = tx
			.select()
			.from(eventSignups)
			.where(and(eq(eventSignups.eventId, event.id), eq(eventSignups.memberId, input.memberId)))
			.get();
		if (!existing || existing.status === 'cancelled')
			return { signup: existing ?? null, promoted: null };
		const signup = tx
			.update(eventSignups)
			.set({ status: 'cancelled', updatedAt: now })
			.where(eq(eventSignups.id, existing.id))
			.returning()
			.get();
		recordAudit(tx, {
			villageId: event.villageId,
			actorUserId: viewer.userId,
			onBehalfOfMemberId,
			action: 'event.cancel_signup',
			subjectType: 'event',
			subjectId: event.id,
			detail: { memberId: input.memberId, was: existing.status }
		});
		let promoted: EventSignup | null = null;
		const { signedUp } = eventCounts(tx, event.id);
		if (existing.status === 'signed_up' && (event.capacity === null || signedUp < event.capacity)) {
			const first = tx
				.select()
				.from(eventSignups)
				.where(and(eq(eventSignups.eventId, event.id), eq(eventSignups.status, 'waitlisted')))
				.orderBy(asc(eventSignups.position), asc(eventSignups.id))
				.limit(1)
				.get();
			if (first) {
				promoted = tx
					.update(eventSignups)
					.set({ status: 'signed_up', updatedAt: now })
					.where(eq(eventSignups.id, first.id))
					.returning()
					.get();
				const who = tx
					.select({ name: members.name, householdId: members.householdId })
					.from(members)
					.where(eq(members.id, first.memberId))
					.get()!;
				recordAudit(tx, {
					villageId: event.villageId,
					actorUserId: viewer.userId,
					action: 'event.promote_waitlisted',
					subjectType: 'event',
					subjectId: event.id,
					detail: { memberId: first.memberId }
				});
				recordFeed(tx, {
					villageId: event.villageId,
					room: roomName('household', who.householdId),
					type: 'signup_promoted',
					payload: { eventId: event.id, title: event.title, memberName: who.name }
				});
			}
		}
		const counts = eventCounts(tx, event.id);
		recordFeed(tx, {
			villageId: event.villageId,
			room: roomName('event', event.id),
			type: 'event_signups_changed',
			payload: { eventId: event.id, signedUp: counts.signedUp, waitlisted: counts.waitlisted }
		});
		return { signup, promoted };
	});
}
