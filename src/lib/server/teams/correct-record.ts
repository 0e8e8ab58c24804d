import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { db, write } from '$lib/server/db';
import { serviceRecords, type ServiceRecord } from '$lib/server/db/schema/teams';
import { DomainError, notFound } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { authorize } from '$lib/server/permissions';
import { insertRecord } from './insert-record';
import { ZCorrectRecord } from './schemas';
import { teamTarget } from './team-target';

/**
 * A confirmed record is never edited: a leader or the committee enters a correcting record with a
 * reason and signed half-hours, which posts a 'correct' ledger entry. Corrections can't take a
 * record below zero hours; one that brings it to zero takes back exactly the points it credited.
 * A dispute still open on the record is resolved as corrected.
 */
export function correctRecord(
	viewer: Viewer | null,
	recordId: number,
	raw: z.input<typeof ZCorrectRecord>,
	now = new Date()
): ServiceRecord {
	const input = parseInput(ZCorrectRecord, raw);
	const original = db.select().from(serviceRecords).where(eq(serviceRecords.id, recordId)).get();
	if (!original) throw notFound();
	const { target } = teamTarget(original.teamId);
	authorize(viewer, 'teams:lead', target);
	if (original.correctsRecordId !== null) {
		throw new DomainError('conflict', { message: m.teams_error_correct_original() });
	}
	return write((tx) => {
		const sofar = tx
			.select({
				half: sql<number>`coalesce(sum(${serviceRecords.halfHours}), 0)`,
				points: sql<number>`coalesce(sum(${serviceRecords.pointsCredited}), 0)`
			})
			.from(serviceRecords)
			.where(eq(serviceRecords.correctsRecordId, recordId))
			.get();
		const netHalf = original.halfHours + Number(sofar?.half ?? 0) + input.halfHours;
		if (netHalf < 0 || netHalf > 48) {
			throw new DomainError('validation', { message: m.teams_error_correction_range() });
		}
		const netPoints = original.pointsCredited + Number(sofar?.points ?? 0);
		const correction = insertRecord(
			tx,
			{
				villageId: original.villageId,
				teamId: original.teamId,
				activityId: original.activityId,
				memberId: original.memberId,
				householdId: original.householdId,
				serviceDate: original.serviceDate,
				halfHours: input.halfHours,
				content: original.content,
				place: original.place,
				recordedBy: viewer.userId,
				correctsRecordId: original.id,
				correctionReason: input.reason,
				points: netHalf === 0 ? -netPoints : undefined
			},
			now
		);
		if (original.disputedAt !== null && original.resolvedAt === null) {
			tx.update(serviceRecords)
				.set({
					resolvedAt: now,
					resolvedBy: viewer.userId,
					resolution: 'corrected',
					resolutionNote: input.reason
				})
				.where(eq(serviceRecords.id, original.id))
				.run();
		}
		recordAudit(tx, {
			villageId: original.villageId,
			actorUserId: viewer.userId,
			action: 'team.correct_record',
			subjectType: 'service_record',
			subjectId: correction.id,
			detail: { corrects: original.id, halfHours: input.halfHours, reason: input.reason }
		});
		return correction;
	});
}
