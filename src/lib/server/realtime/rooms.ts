import { and, eq } from 'drizzle-orm';
import { parseRoom, type RealtimeErrorCode, type RoomName } from '$lib/realtime/events';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { villages } from '$lib/server/db/schema';
import { events } from '$lib/server/db/schema/events';
import { DomainError } from '$lib/server/errors';
import { can, decide, type Decision } from '$lib/server/permissions';
import { householdTarget, memberTarget } from '$lib/server/people/targets';
import { teamTarget } from '$lib/server/teams/team-target';

export type RoomDecision = { ok: true; room: RoomName } | { ok: false; code: RealtimeErrorCode };

const refuse = (code: RealtimeErrorCode): RoomDecision => ({ ok: false, code });
const verdict = (room: RoomName, decision: Decision): RoomDecision =>
	decision === 'allow' ? { ok: true, room } : refuse(decision);

/**
 * May this viewer (null: anonymous) be in this room? Asked on every join and again on every
 * periodic re-check; the answer comes from the permission module (room:* actions), so the
 * tenant isolation of pages and API holds for sockets too.
 */
export function decideRoom(
	viewer: Viewer | null,
	requested: unknown,
	actingFor: number | null
): RoomDecision {
	const room = parseRoom(requested);
	if (!room) return refuse('bad_request');
	// The public rooms (masked names and counts only): the village feed, an event's attendance.
	if (!viewer && room.kind !== 'village' && room.kind !== 'event') return refuse('unauthenticated');
	try {
		if (room.kind === 'event') {
			const event = db
				.select({ villageId: events.villageId })
				.from(events)
				.where(eq(events.id, room.id))
				.get();
			if (!event) return refuse('not_found');
			const target = { kind: 'village', villageId: event.villageId } as const;
			return verdict(room.name, decide(viewer, 'room:event', target));
		}
		if (room.kind === 'team') {
			// teamTarget throws not_found for a team that doesn't exist: refused like another village's.
			return verdict(room.name, decide(viewer, 'room:team', teamTarget(room.id).target));
		}
		if (room.kind === 'household') {
			const target = householdTarget(room.id);
			const decision = decide(viewer, 'room:household', target);
			if (decision !== 'allow' && viewer && actsForMemberOf(viewer, actingFor, room.id)) {
				return { ok: true, room: room.name };
			}
			return verdict(room.name, decision);
		}
		const village = db
			.select({ id: villages.id })
			.from(villages)
			.where(and(eq(villages.id, room.id), eq(villages.active, true)))
			.get();
		if (!village) return refuse('not_found');
		const action = room.kind === 'village' ? 'room:village' : 'room:staff';
		return verdict(room.name, decide(viewer, action, { kind: 'village', villageId: room.id }));
	} catch (e) {
		if (e instanceof DomainError && e.code === 'not_found') return refuse('not_found');
		throw e;
	}
}

/** 代办: whoever is acting for a member of the household (with consent) hears its news too. */
function actsForMemberOf(viewer: Viewer, memberId: number | null, householdId: number): boolean {
	if (memberId === null) return false;
	try {
		const member = memberTarget(memberId);
		return member.householdId === householdId && can(viewer, 'member:act_for', member);
	} catch {
		return false; // a stale cookie naming a member that no longer exists
	}
}
