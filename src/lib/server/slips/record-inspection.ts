import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write, type Tx } from '$lib/server/db';
import {
	depositSlips,
	households,
	inspections,
	members,
	villages,
	type DepositSlip,
	type Household,
	type Inspection
} from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { villageDay } from '$lib/server/ledger/expiry-policy';
import { parseInput } from '$lib/server/people/schemas';
import { ownVillageTarget } from '$lib/server/people/scope';
import { authorize } from '$lib/server/permissions';
import { currentRule } from '$lib/server/rules/current-rule';
import * as m from '$lib/paraglide/messages';
import { ZRecordInspection } from './inspection-schemas';

export type InspectionResult = { inspection: Inspection; slips: DepositSlip[] };

const refuse = (message: string, householdId: number) =>
	new DomainError('validation', {
		message,
		details: { householdId, fieldErrors: { householdIds: message } }
	});

/** Who the household's slip is about: its head, else its first active member. */
function scoredMember(tx: Tx, household: Household): number {
	const list = tx
		.select({ id: members.id })
		.from(members)
		.where(and(eq(members.householdId, household.id), eq(members.active, true)))
		.orderBy(asc(members.id))
		.all();
	const head = list.find((mm) => mm.id === household.headMemberId);
	const member = head ?? list[0];
	if (!member) throw refuse(m.inspections_no_members({ number: household.number }), household.id);
	return member.id;
}

/**
 * A committee inspection (e.g. the monthly 环境卫生 walk): one rule of the current rule book, one
 * day, many households — an `inspections` row and one slip per household (about its head), all in
 * one transaction: if any household can't be scored, nothing is written. The slips are the
 * committee's own reports (pre-checked under two-level review, as reportSlip would make them;
 * the inspection itself is the evidence, so a rule asking for a photo needs none here) and
 * go through the normal review: whoever recorded the inspection can't approve its slips, and
 * caps are checked at approval.
 */
export function recordInspection(
	viewer: Viewer | null,
	raw: z.input<typeof ZRecordInspection>,
	options: { now?: Date } = {}
): InspectionResult {
	const input = parseInput(ZRecordInspection, raw);
	const target = ownVillageTarget(viewer);
	authorize(viewer, 'slips:inspect', target);
	const now = options.now ?? new Date();
	if (input.occurredOn > villageDay(now)) {
		const message = m.slips_future_date();
		throw new DomainError('validation', {
			message,
			details: { fieldErrors: { occurredOn: message } }
		});
	}
	const { villageId } = target;
	return write((tx) => {
		const { rule, citation } = currentRule(tx, villageId, input.ruleId);
		const village = tx.select().from(villages).where(eq(villages.id, villageId)).get();
		if (!village) throw new DomainError('not_found');
		const found = new Map(
			tx
				.select()
				.from(households)
				.where(inArray(households.id, input.householdIds))
				.all()
				.map((h) => [h.id, h])
		);
		const seen = new Set<number>();
		const scored: { household: Household; memberId: number }[] = [];
		for (const id of input.householdIds) {
			const household = found.get(id);
			// Another village's household is as invisible as one that doesn't exist.
			if (!household || household.villageId !== villageId) {
				throw new DomainError('not_found', { details: { householdId: id } });
			}
			if (seen.has(id)) throw refuse(m.inspections_duplicate({ number: household.number }), id);
			seen.add(id);
			if (!household.active) throw refuse(m.inspections_inactive({ number: household.number }), id);
			scored.push({ household, memberId: scoredMember(tx, household) });
		}

		const inspection = tx
			.insert(inspections)
			.values({
				villageId,
				ruleId: citation.ruleId,
				ruleVersionId: citation.ruleVersionId,
				occurredOn: input.occurredOn,
				note: input.note,
				recordedBy: viewer.userId
			})
			.returning()
			.get();
		// The committee's own report needs no separate first check (as in reportSlip).
		const preChecked = village.twoLevelReview;
		const slips = scored.map(({ household, memberId }) => {
			const slip = tx
				.insert(depositSlips)
				.values({
					villageId,
					householdId: household.id,
					memberId,
					ruleId: citation.ruleId,
					ruleVersionId: citation.ruleVersionId,
					quantity: 1,
					points: rule.points,
					note: input.note,
					occurredOn: input.occurredOn,
					reportedBy: viewer.userId,
					reportedVia: 'committee',
					status: preChecked ? 'checked' : 'reported',
					checkedBy: preChecked ? viewer.userId : null,
					checkedAt: preChecked ? now : null,
					inspectionId: inspection.id
				})
				.returning()
				.get();
			recordAudit(tx, {
				villageId,
				actorUserId: viewer.userId,
				action: 'slip.report',
				subjectType: 'slip',
				subjectId: slip.id,
				detail: {
					memberId,
					ruleId: citation.ruleId,
					occurredOn: input.occurredOn,
					points: slip.points,
					reportedVia: 'committee',
					inspectionId: inspection.id
				}
			});
			return slip;
		});
		recordAudit(tx, {
			villageId,
			actorUserId: viewer.userId,
			action: 'inspection.record',
			subjectType: 'inspection',
			subjectId: inspection.id,
			detail: {
				ruleId: citation.ruleId,
				occurredOn: input.occurredOn,
				households: scored.length,
				slipIds: slips.map((s) => s.id)
			}
		});
		return { inspection, slips };
	});
}
