import { and, eq, inArray } from 'drizzle-orm';
import * as m from '$lib/paraglide/messages';
import type { Tx } from '$lib/server/db';
import { members } from '$lib/server/db/schema';
import { teamMembers } from '$lib/server/db/schema/teams';
import { DomainError } from '$lib/server/errors';

/**
 * Inside the caller's transaction: the members' current households, refusing anyone who is not
 * an active member (or leader) of the team — hours are recorded for the team's own volunteers.
 */
export function rosterMembers(
	tx: Tx,
	teamId: number,
	memberIds: number[]
): Map<number, { householdId: number; name: string }> {
	if (new Set(memberIds).size !== memberIds.length) {
		throw new DomainError('validation', { message: m.teams_error_duplicate_attendee() });
	}
	const rows = tx
		.select({ id: members.id, householdId: members.householdId, name: members.name })
		.from(teamMembers)
		.innerJoin(members, eq(teamMembers.memberId, members.id))
		.where(
			and(
				eq(teamMembers.teamId, teamId),
				eq(teamMembers.status, 'active'),
				eq(members.active, true),
				inArray(teamMembers.memberId, memberIds)
			)
		)
		.all();
	const found = new Map(rows.map((r) => [r.id, { householdId: r.householdId, name: r.name }]));
	const missing = memberIds.filter((id) => !found.has(id));
	if (missing.length > 0) {
		throw new DomainError('validation', {
			message: m.teams_error_not_on_roster(),
			details: { memberIds: missing }
		});
	}
	return found;
}
