import type { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { volunteerTeams, type VolunteerTeam } from '$lib/server/db/schema/teams';
import { DomainError } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { ownVillageTarget } from '$lib/server/people/scope';
import { authorize } from '$lib/server/permissions';
import { makeLeader } from './make-leader';
import { ZCreateTeam } from './schemas';

/** The committee sets up a volunteer team (志愿服务队), optionally with its first leader. */
export function createTeam(
	viewer: Viewer | null,
	raw: z.input<typeof ZCreateTeam>,
	now = new Date()
): VolunteerTeam {
	const input = parseInput(ZCreateTeam, raw);
	const target = ownVillageTarget(viewer);
	authorize(viewer, 'teams:manage', target);
	return write((tx) => {
		let team: VolunteerTeam;
		try {
			team = tx
				.insert(volunteerTeams)
				.values({
					villageId: target.villageId,
					name: input.name,
					type: input.type,
					description: input.description,
					createdBy: viewer.userId
				})
				.returning()
				.get();
		} catch (e) {
			if (e instanceof Error && /UNIQUE/.test(e.message)) {
				throw new DomainError('conflict', { message: m.teams_error_name_taken() });
			}
			throw e;
		}
		if (input.leaderMemberId) {
			makeLeader(tx, {
				villageId: target.villageId,
				teamId: team.id,
				memberId: input.leaderMemberId,
				byUserId: viewer.userId,
				now
			});
		}
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: 'team.create',
			subjectType: 'volunteer_team',
			subjectId: team.id,
			detail: { name: input.name, type: input.type, leaderMemberId: input.leaderMemberId ?? null }
		});
		return team;
	});
}
