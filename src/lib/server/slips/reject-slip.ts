import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write } from '$lib/server/db';
import { depositSlips, type DepositSlip } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { authorize } from '$lib/server/permissions';
import { ZRejectSlip } from './schemas';
import { loadSlip } from './slip-target';

/** The committee turns down a slip that is still under review, with a reason. */
export function rejectSlip(
	viewer: Viewer | null,
	id: number,
	raw: z.input<typeof ZRejectSlip>
): DepositSlip {
	const { target } = loadSlip(id);
	authorize(viewer, 'slips:review', target);
	const { reason } = parseInput(ZRejectSlip, raw);
	return write((tx) => {
		const row = tx
			.update(depositSlips)
			.set({
				status: 'rejected',
				rejectedBy: viewer.userId,
				rejectedAt: new Date(),
				rejectReason: reason
			})
			.where(and(eq(depositSlips.id, id), inArray(depositSlips.status, ['reported', 'checked'])))
			.returning()
			.get();
		if (!row) throw new DomainError('slip_not_pending');
		recordAudit(tx, {
			villageId: row.villageId,
			actorUserId: viewer.userId,
			action: 'slip.reject',
			subjectType: 'slip',
			subjectId: id,
			detail: { reason }
		});
		return row;
	});
}
