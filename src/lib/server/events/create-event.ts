import { encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { roomName } from '$lib/realtime/events';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { events, type Event } from '$lib/server/db/schema/events';
import { volunteerTeams } from '$lib/server/db/schema/teams';
import { DomainError } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { authorize } from '$lib/server/permissions';
import { recordFeed } from '$lib/server/realtime/publish';
import { currentRule } from '$lib/server/rules/current-rule';
import * as m from '$lib/paraglide/messages';
import { ZCreateEvent } from './schemas';

/**
 * The committee, or a team leader, publishes an event of their village. With a `teamId` it is
 * the team's event (an active team of the village; team leaders may then run its roster and
 * check-in); a team leader who is not on the committee may only create team events. Team leaders
 * are authorized by their role, not by which team they lead: events don't yet consult the team's
 * leader list. The attendance rule must be in the current rule book.
 */
export function createEvent(viewer: Viewer | null, raw: z.input<typeof ZCreateEvent>): Event {
	const input = parseInput(ZCreateEvent, raw);
	const villageId = viewer?.villageId ?? null;
	if (!viewer || villageId === null)
		throw new DomainError(viewer ? 'forbidden' : 'unauthenticated');
	authorize(viewer, 'events:create', { kind: 'village', villageId });
	if (input.teamId === null && !viewer.roles.includes('committee')) {
		const message = m.events_team_required();
		throw new DomainError('validation', { message, details: { fieldErrors: { teamId: message } } });
	}
	const secret = new Uint8Array(32);
	crypto.getRandomValues(secret);
	return write((tx) => {
		if (input.teamId !== null) {
			const team = tx
				.select({ villageId: volunteerTeams.villageId, active: volunteerTeams.active })
				.from(volunteerTeams)
				.where(eq(volunteerTeams.id, input.teamId))
				.get();
			if (team?.villageId !== villageId || !team.active) {
				const message = m.events_team_unknown();
				throw new DomainError('validation', {
					message,
					details: { fieldErrors: { teamId: message } }
				});
			}
		}
		if (input.attendanceRuleId !== null) {
			// Attendance is its own evidence and earns points: a photo rule or a deduction can't apply.
			const { rule } = currentRule(tx, villageId, input.attendanceRuleId);
			if (rule.points <= 0 || rule.photoRequired) {
				const message = m.events_rule_unsuitable();
				throw new DomainError('validation', {
					message,
					details: { fieldErrors: { attendanceRuleId: message } }
				});
			}
		}
		const event = tx
			.insert(events)
			.values({
				...input,
				villageId,
				organiser: input.teamId === null ? 'committee' : 'team',
				createdBy: viewer.userId,
				qrSecret: encodeHexLowerCase(secret)
			})
			.returning()
			.get();
		recordAudit(tx, {
			villageId,
			actorUserId: viewer.userId,
			action: 'event.create',
			subjectType: 'event',
			subjectId: event.id,
			detail: { title: event.title, type: event.type, teamId: event.teamId }
		});
		recordFeed(tx, {
			villageId,
			room: roomName('village', villageId),
			type: 'event_published',
			payload: {
				eventId: event.id,
				title: event.title,
				type: event.type,
				startsAt: event.startsAt.toISOString()
			}
		});
		return event;
	});
}
