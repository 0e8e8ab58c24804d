import { and, eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write } from '$lib/server/db';
import { depositSlips, villages, type DepositSlip } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import { loadSlip } from './slip-target';

/** The first check of two-level review, by the 十户长 of the slip's household. */
export function checkSlip(viewer: Viewer | null, id: number): DepositSlip {
	const { target } = loadSlip(id);
	authorize(viewer, 'slips:check', target);
	return write((tx) => {
		const { slip } = loadSlip(id, tx);
		const village = tx.select().from(villages).where(eq(villages.id, slip.villageId)).get();
		if (slip.status !== 'reported' || !village?.twoLevelReview) {
			throw new DomainError('slip_not_pending');
		}
		const row = tx
			.update(depositSlips)
			.set({ status: 'checked', checkedBy: viewer.userId, checkedAt: new Date() })
			.where(and(eq(depositSlips.id, id), eq(depositSlips.status, 'reported')))
			.returning()
			.get();
		if (!row) throw new DomainError('slip_not_pending');
		recordAudit(tx, {
			villageId: slip.villageId,
			actorUserId: viewer.userId,
			action: 'slip.check',
			subjectType: 'slip',
			subjectId: id
		});
		return row;
	});
}
