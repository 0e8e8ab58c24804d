import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import {
	serviceActivities,
	serviceRecords,
	type ServiceActivity,
	type ServiceRecord
} from '$lib/server/db/schema/teams';
import { parseInput } from '$lib/server/people/schemas';
import { authorize } from '$lib/server/permissions';
import { insertRecord } from './insert-record';
import { rosterMembers } from './roster-members';
import { ZLogActivity } from './schemas';
import { teamTarget } from './team-target';

/**
 * A leader logs a whole activity at once: one confirmed record per attendee, each crediting the
 * attendee's household. All or nothing: one transaction. A form sent again with the same
 * `requestKey` returns the activity already logged instead of logging it twice.
 */
export function logActivity(
	viewer: Viewer | null,
	teamId: number,
	raw: z.input<typeof ZLogActivity>,
	now = new Date()
): { activity: ServiceActivity; records: ServiceRecord[] } {
	const input = parseInput(ZLogActivity, raw);
	const { target } = teamTarget(teamId);
	authorize(viewer, 'teams:lead', target);
	return write((tx) => {
		if (input.requestKey) {
			const done = tx
				.select()
				.from(serviceActivities)
				.where(
					and(
						eq(serviceActivities.teamId, teamId),
						eq(serviceActivities.requestKey, input.requestKey)
					)
				)
				.get();
			if (done) {
				const records = tx
					.select()
					.from(serviceRecords)
					.where(eq(serviceRecords.activityId, done.id))
					.orderBy(asc(serviceRecords.id))
					.all();
				return { activity: done, records };
			}
		}
		const roster = rosterMembers(
			tx,
			teamId,
			input.attendees.map((a) => a.memberId)
		);
		const activity = tx
			.insert(serviceActivities)
			.values({
				villageId: target.villageId,
				teamId,
				content: input.content,
				place: input.place,
				serviceDate: input.serviceDate,
				recordedBy: viewer.userId,
				requestKey: input.requestKey ?? null,
				createdAt: now
			})
			.returning()
			.get();
		const records = input.attendees.map((a) =>
			insertRecord(
				tx,
				{
					villageId: target.villageId,
					teamId,
					activityId: activity.id,
					memberId: a.memberId,
					householdId: roster.get(a.memberId)!.householdId,
					serviceDate: input.serviceDate,
					halfHours: a.halfHours,
					content: input.content,
					place: input.place,
					recordedBy: viewer.userId
				},
				now
			)
		);
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: 'team.log_activity',
			subjectType: 'service_activity',
			subjectId: activity.id,
			detail: { teamId, attendees: input.attendees }
		});
		return { activity, records };
	});
}
