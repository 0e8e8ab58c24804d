import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { members } from '$lib/server/db/schema';
import { careVisits, type CareVisit } from '$lib/server/db/schema/care';
import { DomainError, notFound } from '$lib/server/errors';
import { villageDay } from '$lib/server/ledger/expiry-policy';
import { parseInput } from '$lib/server/people/schemas';
import { authorize } from '$lib/server/permissions';
import { insertRecord } from '$lib/server/teams/insert-record';
import * as m from '$lib/paraglide/messages';
import { careTarget, careTeamMembers } from './care-target';
import { ZRecordVisit } from './schemas';

/**
 * A member of a 巡访关爱 team (or the committee) records a visit to a tagged elder. With hours, the
 * visit is also a service record of the visitor's team, so the visitor's household is credited
 * once through the ledger. The same request key records the visit once.
 */
export function recordVisit(
	viewer: Viewer | null,
	villageId: number,
	raw: z.input<typeof ZRecordVisit>,
	now = new Date()
): CareVisit {
	const input = parseInput(ZRecordVisit, raw);
	authorize(viewer, 'care:record', careTarget(villageId));
	const visitorMemberId = input.visitorMemberId ?? viewer.memberId;
	if (visitorMemberId === null) {
		throw new DomainError('validation', { message: m.care_error_visitor_required() });
	}
	if (visitorMemberId !== viewer.memberId && !viewer.roles.includes('committee')) {
		throw new DomainError('forbidden');
	}
	if (input.visitedOn > villageDay(now)) {
		throw new DomainError('validation', { message: m.care_error_future_date() });
	}
	return write((tx) => {
		if (input.requestKey) {
			const done = tx
				.select()
				.from(careVisits)
				.where(
					and(eq(careVisits.recordedBy, viewer.userId), eq(careVisits.requestKey, input.requestKey))
				)
				.get();
			if (done) return done;
		}
		const elder = tx
			.select({ id: members.id, villageId: members.villageId, careTags: members.careTags })
			.from(members)
			.where(and(eq(members.id, input.elderMemberId), eq(members.active, true)))
			.get();
		if (!elder || elder.villageId !== villageId || elder.careTags.length === 0) throw notFound();
		const visitor = tx
			.select({ id: members.id, villageId: members.villageId, householdId: members.householdId })
			.from(members)
			.where(and(eq(members.id, visitorMemberId), eq(members.active, true)))
			.get();
		if (!visitor || visitor.villageId !== villageId) throw notFound();
		// The visitor's 巡访关爱 team (the first, if on several): their hours go on its records.
		const teamId =
			careTeamMembers(tx, villageId).find((r) => r.memberId === visitorMemberId)?.teamId ?? null;
		const halfHours = input.halfHours ?? 0;
		if (halfHours > 0 && teamId === null) {
			throw new DomainError('validation', { message: m.care_error_hours_need_team() });
		}
		const record =
			halfHours > 0 && teamId !== null
				? insertRecord(
						tx,
						{
							villageId,
							teamId,
							activityId: null,
							memberId: visitorMemberId,
							householdId: visitor.householdId,
							serviceDate: input.visitedOn,
							halfHours,
							// Stored data in the village's language, and not the elder's name: service
							// records show on the visitor's household page and the team roster.
							content: '巡访关爱',
							place: '',
							recordedBy: viewer.userId
						},
						now
					)
				: null;
		const visit = tx
			.insert(careVisits)
			.values({
				villageId,
				elderMemberId: elder.id,
				visitorMemberId,
				teamId,
				serviceRecordId: record?.id ?? null,
				visitedOn: input.visitedOn,
				health: input.health,
				safety: input.safety,
				living: input.living,
				needs: input.needs,
				followUp: input.followUp,
				followUpNote: input.followUp ? input.followUpNote : null,
				recordedBy: viewer.userId,
				requestKey: input.requestKey ?? null,
				createdAt: now
			})
			.returning()
			.get();
		// The audit keeps who/whom/when, not the notes: those stay in the care register.
		recordAudit(tx, {
			villageId,
			actorUserId: viewer.userId,
			action: 'care.record_visit',
			subjectType: 'care_visit',
			subjectId: visit.id,
			detail: {
				elderMemberId: elder.id,
				visitorMemberId,
				visitedOn: input.visitedOn,
				halfHours,
				followUp: input.followUp
			}
		});
		return visit;
	});
}
