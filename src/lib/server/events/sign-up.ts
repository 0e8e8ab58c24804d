import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { roomName } from '$lib/realtime/events';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { eventSignups, type EventSignup } from '$lib/server/db/schema/events';
import { DomainError } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { memberTarget } from '$lib/server/people/targets';
import { authorize } from '$lib/server/permissions';
import { recordFeed } from '$lib/server/realtime/publish';
import * as m from '$lib/paraglide/messages';
import { eventCounts } from './counts';
import { eventTarget } from './event-target';
import { ZSignup } from './schemas';

/**
 * Signs a member up for an event: themself, or 代办 for a member who agreed to it (family, their
 * 十户长) — recorded with `onBehalfOfMemberId`. When the event is full the member goes on the
 * waitlist. Signing up again while signed up or waiting changes nothing (a retried tap).
 */
export function signUp(
	viewer: Viewer | null,
	raw: z.input<typeof ZSignup>,
	options: { now?: Date } = {}
): EventSignup {
	const input = parseInput(ZSignup, raw);
	const now = options.now ?? new Date();
	const { event } = eventTarget(input.eventId);
	const member = memberTarget(input.memberId);
	authorize(viewer, 'events:signup', member);
	if (member.villageId !== event.villageId) {
		throw new DomainError('forbidden', { message: m.events_other_village() });
	}
	if (event.status === 'cancelled') throw new DomainError('event_cancelled');
	if (now > event.endsAt) throw new DomainError('event_signup_closed');
	const onBehalfOfMemberId = input.memberId === viewer.memberId ? null : input.memberId;
	return write((tx) => {
		const existing = tx
			.select()
			.from(eventSignups)
			.where(and(eq(eventSignups.eventId, event.id), eq(eventSignups.memberId, input.memberId)))
			.get();
		if (existing && existing.status !== 'cancelled') return existing;
		const { signedUp } = eventCounts(tx, event.id);
		const status =
			event.capacity === null || signedUp < event.capacity ? 'signed_up' : 'waitlisted';
		const values = {
			status,
			position: now.getTime(),
			signedUpBy: viewer.userId,
			onBehalfOfMemberId,
			updatedAt: now
		} as const;
		const signup = existing
			? tx
					.update(eventSignups)
					.set(values)
					.where(eq(eventSignups.id, existing.id))
					.returning()
					.get()
			: tx
					.insert(eventSignups)
					.values({ ...values, eventId: event.id, memberId: input.memberId })
					.returning()
					.get();
		recordAudit(tx, {
			villageId: event.villageId,
			actorUserId: viewer.userId,
			onBehalfOfMemberId,
			action: 'event.signup',
			subjectType: 'event',
			subjectId: event.id,
			detail: { memberId: input.memberId, status }
		});
		const counts = eventCounts(tx, event.id);
		recordFeed(tx, {
			villageId: event.villageId,
			room: roomName('event', event.id),
			type: 'event_signups_changed',
			payload: { eventId: event.id, signedUp: counts.signedUp, waitlisted: counts.waitlisted }
		});
		return signup;
	});
}
