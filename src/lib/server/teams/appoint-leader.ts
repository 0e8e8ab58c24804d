import type { z } from 'zod';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { parseInput } from '$lib/server/people/schemas';
import { authorize } from '$lib/server/permissions';
import { makeLeader } from './make-leader';
import { ZAppointLeader } from './schemas';
import { teamTarget } from './team-target';

/** The committee appoints a leader (队长) of a team; they get the team_leader role if need be. */
export function appointLeader(
	viewer: Viewer | null,
	teamId: number,
	raw: z.input<typeof ZAppointLeader>,
	now = new Date()
): { ok: true } {
	const input = parseInput(ZAppointLeader, raw);
	const { target } = teamTarget(teamId);
	authorize(viewer, 'teams:manage', target);
	return write((tx) => {
		makeLeader(tx, {
			villageId: target.villageId,
			teamId,
			memberId: input.memberId,
			byUserId: viewer.userId,
			now
		});
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: 'team.appoint_leader',
			subjectType: 'volunteer_team',
			subjectId: teamId,
			detail: { memberId: input.memberId }
		});
		return { ok: true as const };
	});
}
