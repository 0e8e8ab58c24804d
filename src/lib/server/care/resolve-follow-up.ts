import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { db, write } from '$lib/server/db';
import { careVisits, type CareVisit } from '$lib/server/db/schema/care';
import { DomainError, notFound } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { authorize } from '$lib/server/permissions';
import { careTarget } from './care-target';
import { ZResolveFollowUp } from './schemas';

/** The committee marks a visit's follow-up as dealt with. Resolving twice is refused (conflict). */
export function resolveFollowUp(
	viewer: Viewer | null,
	visitId: number,
	raw: z.input<typeof ZResolveFollowUp> = {},
	now = new Date()
): CareVisit {
	const input = parseInput(ZResolveFollowUp, raw);
	const visit = db.select().from(careVisits).where(eq(careVisits.id, visitId)).get();
	if (!visit) throw notFound();
	authorize(viewer, 'care:manage', careTarget(visit.villageId));
	if (!visit.followUp) throw notFound();
	return write((tx) => {
		const current = tx.select().from(careVisits).where(eq(careVisits.id, visitId)).get()!;
		if (current.followUpResolvedAt !== null) throw new DomainError('conflict');
		const updated = tx
			.update(careVisits)
			.set({ followUpResolvedAt: now, followUpResolvedBy: viewer.userId })
			.where(eq(careVisits.id, visitId))
			.returning()
			.get();
		recordAudit(tx, {
			villageId: visit.villageId,
			actorUserId: viewer.userId,
			action: 'care.resolve_follow_up',
			subjectType: 'care_visit',
			subjectId: visitId,
			detail: { note: input.note }
		});
		return updated;
	});
}
