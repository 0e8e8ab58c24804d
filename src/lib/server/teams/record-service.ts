import type { z } from 'zod';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import type { ServiceRecord } from '$lib/server/db/schema/teams';
import { parseInput } from '$lib/server/people/schemas';
import { authorize } from '$lib/server/permissions';
import { insertRecord } from './insert-record';
import { rosterMembers } from './roster-members';
import { ZRecordService } from './schemas';
import { teamTarget } from './team-target';

/** A leader records service hours for one member of the team (confirmed, credited at once). */
export function recordService(
	viewer: Viewer | null,
	teamId: number,
	raw: z.input<typeof ZRecordService>,
	now = new Date()
): ServiceRecord {
	const input = parseInput(ZRecordService, raw);
	const { target } = teamTarget(teamId);
	authorize(viewer, 'teams:lead', target);
	return write((tx) => {
		const roster = rosterMembers(tx, teamId, [input.memberId]);
		const record = insertRecord(
			tx,
			{
				villageId: target.villageId,
				teamId,
				activityId: null,
				memberId: input.memberId,
				householdId: roster.get(input.memberId)!.householdId,
				serviceDate: input.serviceDate,
				halfHours: input.halfHours,
				content: input.content,
				place: input.place,
				recordedBy: viewer.userId
			},
			now
		);
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: 'team.record_service',
			subjectType: 'service_record',
			subjectId: record.id,
			detail: input
		});
		return record;
	});
}
