import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { db, write } from '$lib/server/db';
import { serviceRecords, type ServiceRecord } from '$lib/server/db/schema/teams';
import { DomainError, notFound } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { memberTarget } from '$lib/server/people/targets';
import { authorize } from '$lib/server/permissions';
import { ZDisputeRecord } from './schemas';

/**
 * The member (or someone acting for them) disputes one of their records with a reason: it is
 * flagged on the team's page for the leader or committee to resolve. Once per record.
 */
export function disputeRecord(
	viewer: Viewer | null,
	recordId: number,
	raw: z.input<typeof ZDisputeRecord>,
	now = new Date()
): ServiceRecord {
	const input = parseInput(ZDisputeRecord, raw);
	const record = db.select().from(serviceRecords).where(eq(serviceRecords.id, recordId)).get();
	if (!record) throw notFound();
	authorize(viewer, 'teams:dispute', memberTarget(record.memberId));
	if (record.correctsRecordId !== null) {
		throw new DomainError('conflict', { message: m.teams_error_correct_original() });
	}
	return write((tx) => {
		const flagged = tx
			.update(serviceRecords)
			.set({ disputeReason: input.reason, disputedAt: now, disputedBy: viewer.userId })
			.where(and(eq(serviceRecords.id, recordId), isNull(serviceRecords.disputedAt)))
			.returning()
			.get();
		if (!flagged) throw new DomainError('conflict', { message: m.teams_error_already_disputed() });
		recordAudit(tx, {
			villageId: record.villageId,
			actorUserId: viewer.userId,
			onBehalfOfMemberId: viewer.memberId === record.memberId ? null : record.memberId,
			action: 'team.dispute_record',
			subjectType: 'service_record',
			subjectId: recordId,
			detail: { reason: input.reason }
		});
		return flagged;
	});
}
