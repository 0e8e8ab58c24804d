import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { db, write } from '$lib/server/db';
import { serviceRecords, type ServiceRecord } from '$lib/server/db/schema/teams';
import { DomainError, notFound } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { authorize } from '$lib/server/permissions';
import { ZResolveDispute } from './schemas';
import { teamTarget } from './team-target';

/** The leader or committee finds the record right: the dispute is closed with a note. */
export function dismissDispute(
	viewer: Viewer | null,
	recordId: number,
	raw: z.input<typeof ZResolveDispute>,
	now = new Date()
): ServiceRecord {
	const input = parseInput(ZResolveDispute, raw);
	const record = db.select().from(serviceRecords).where(eq(serviceRecords.id, recordId)).get();
	if (!record) throw notFound();
	authorize(viewer, 'teams:lead', teamTarget(record.teamId).target);
	return write((tx) => {
		const done = tx
			.update(serviceRecords)
			.set({
				resolvedAt: now,
				resolvedBy: viewer.userId,
				resolution: 'dismissed',
				resolutionNote: input.note
			})
			.where(
				and(
					eq(serviceRecords.id, recordId),
					isNotNull(serviceRecords.disputedAt),
					isNull(serviceRecords.resolvedAt)
				)
			)
			.returning()
			.get();
		if (!done) throw new DomainError('conflict', { message: m.teams_error_no_open_dispute() });
		recordAudit(tx, {
			villageId: record.villageId,
			actorUserId: viewer.userId,
			action: 'team.dismiss_dispute',
			subjectType: 'service_record',
			subjectId: recordId,
			detail: { note: input.note }
		});
		return done;
	});
}
