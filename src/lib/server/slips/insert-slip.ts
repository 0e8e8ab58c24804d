import { existsSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Tx } from '$lib/server/db';
import { recordAudit } from '$lib/server/audit/record-audit';
import {
	depositSlips,
	villages,
	type DepositSlip,
	type Rule,
	type SlipSource
} from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { isPhotoKey, photoPath } from '$lib/server/photos/uploads-dir';
import { currentRule } from '$lib/server/rules/current-rule';
import * as m from '$lib/paraglide/messages';

export type NewSlip = {
	villageId: number;
	householdId: number;
	/** Who did the deed. */
	memberId: number;
	ruleId: number;
	quantity: number;
	occurredOn: string;
	note: string;
	reportedBy: number;
	reportedVia: SlipSource;
	onBehalfOfMemberId: number | null;
	/** A photo already stored under the uploads dir (storePhoto), or null. */
	photoKey: string | null;
	/** Under two-level review the reporter's report is the first check (十户长, committee). */
	countsAsCheck: boolean;
	/** "YYYY-MM-DD" of today: a deed can't be reported before it happened. */
	today: string;
	/** Refuses a rule this way of reporting may not use (throws); runs before anything is written. */
	acceptRule?: (rule: Rule) => void;
	/** Added to the audit detail. */
	audit: Record<string, unknown>;
	/** The report form's one-time key (reportSlip returns the earlier slip when it is reused). */
	requestKey?: string | null;
};

/**
 * The insert shared by every way a slip is reported (reportSlip, reportHelpedSlip), inside the
 * caller's transaction after it has authorized: the rule must be in the current rule book, a
 * photo given when the rule asks for one; points are fixed now (rule points × quantity).
 */
export function insertSlip(tx: Tx, s: NewSlip): { slip: DepositSlip; rule: Rule } {
	if (s.occurredOn > s.today) {
		const message = m.slips_future_date();
		throw new DomainError('validation', {
			message,
			details: { fieldErrors: { occurredOn: message } }
		});
	}
	const { rule, citation } = currentRule(tx, s.villageId, s.ruleId);
	s.acceptRule?.(rule);
	if (s.photoKey !== null) {
		// A key from the API must name a stored photo that no other slip already cites: a
		// photo on the notice board can't be reused as another household's evidence.
		const taken =
			isPhotoKey(s.photoKey) &&
			tx
				.select({ id: depositSlips.id })
				.from(depositSlips)
				.where(eq(depositSlips.photoKey, s.photoKey))
				.get();
		if (!isPhotoKey(s.photoKey) || taken || !existsSync(photoPath(s.photoKey))) {
			throw new DomainError('photo_invalid');
		}
	} else if (rule.photoRequired) {
		throw new DomainError('photo_required', {
			details: { fieldErrors: { photo: m.error_photo_required() } }
		});
	}
	const village = tx.select().from(villages).where(eq(villages.id, s.villageId)).get();
	const preChecked = !!village?.twoLevelReview && s.countsAsCheck;
	const slip = tx
		.insert(depositSlips)
		.values({
			villageId: s.villageId,
			householdId: s.householdId,
			memberId: s.memberId,
			ruleId: citation.ruleId,
			ruleVersionId: citation.ruleVersionId,
			quantity: s.quantity,
			points: rule.points * s.quantity,
			note: s.note,
			occurredOn: s.occurredOn,
			reportedBy: s.reportedBy,
			reportedVia: s.reportedVia,
			onBehalfOfMemberId: s.onBehalfOfMemberId,
			status: preChecked ? 'checked' : 'reported',
			checkedBy: preChecked ? s.reportedBy : null,
			checkedAt: preChecked ? new Date() : null,
			photoKey: s.photoKey,
			requestKey: s.requestKey ?? null
		})
		.returning()
		.get();
	recordAudit(tx, {
		villageId: s.villageId,
		actorUserId: s.reportedBy,
		onBehalfOfMemberId: s.onBehalfOfMemberId,
		action: 'slip.report',
		subjectType: 'slip',
		subjectId: slip.id,
		detail: { ...s.audit, points: slip.points, reportedVia: s.reportedVia, photoKey: s.photoKey }
	});
	return { slip, rule };
}
