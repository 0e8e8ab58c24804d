import { db } from '$lib/server/db';
import { zId } from '$lib/server/http/fields';
import { formAction } from '$lib/server/http/form';
import { loadOrError } from '$lib/server/http/load';
import { ownVillageTarget } from '$lib/server/people/scope';
import { appointLeader } from '$lib/server/teams/appoint-leader';
import { createTeam } from '$lib/server/teams/create-team';
import { leaderCandidates } from '$lib/server/teams/leader-candidates';
import { ledTeams } from '$lib/server/teams/led-teams';
import { ZAppointLeader, ZCreateTeam, ZStarThresholds } from '$lib/server/teams/schemas';
import { setStarThresholds } from '$lib/server/teams/set-star-thresholds';
import { starThresholds } from '$lib/server/teams/star-thresholds';
import type { Actions, PageServerLoad } from './$types';

/** The committee's team admin: create teams, appoint leaders, set the star thresholds. */
export const load: PageServerLoad = ({ locals }) =>
	loadOrError(() => {
		const candidates = leaderCandidates(locals.viewer);
		return {
			candidates,
			teams: ledTeams(locals.viewer),
			thresholds: starThresholds(db, ownVillageTarget(locals.viewer).villageId)
		};
	});

export const actions: Actions = {
	create: ({ request, locals }) =>
		formAction(request, ZCreateTeam, (input) => {
			createTeam(locals.viewer, input);
			return { created: true as const };
		}),
	appoint: ({ request, locals }) =>
		formAction(request, ZAppointLeader.extend({ teamId: zId }), ({ teamId, memberId }) => {
			appointLeader(locals.viewer, teamId, { memberId });
			return { appointed: true as const };
		}),
	thresholds: ({ request, locals }) =>
		formAction(request, ZStarThresholds, (input) => {
			setStarThresholds(locals.viewer, input);
			return { saved: true as const };
		})
};
