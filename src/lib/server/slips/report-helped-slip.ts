import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { db, write } from '$lib/server/db';
import { households, members, type DepositSlip } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { memberTarget } from '$lib/server/people/targets';
import { authorize } from '$lib/server/permissions';
import * as m from '$lib/paraglide/messages';
import { ZReportHelpedSlip } from './helped-schemas';
import { insertSlip } from './insert-slip';

type Input = z.output<typeof ZReportHelpedSlip>;

const fieldError = (code: 'validation' | 'not_found', field: string, message: string) =>
	new DomainError(code, { message, details: { fieldErrors: { [field]: message } } });

/**
 * The helper named in the report, among the active members of the viewer's village: by full
 * name, narrowed by 户号 when given. Someone of the reporter's own household(s) is set aside when
 * another person of the name exists; when only they match, it's `slip_helped_own_household`.
 * No match — a name of another village included — is not_found, with the field to correct.
 */
function findHelper(villageId: number, input: Input, own: ReadonlySet<number>): number {
	const where = [
		eq(members.villageId, villageId),
		eq(members.name, input.helperName),
		eq(members.active, true),
		eq(households.active, true)
	];
	// Typed on a phone: "lt-002" finds LT-002.
	if (input.householdNumber) {
		where.push(sql`lower(${households.number}) = lower(${input.householdNumber})`);
	}
	const found = db
		.select({ id: members.id, householdId: members.householdId })
		.from(members)
		.innerJoin(households, eq(households.id, members.householdId))
		.where(and(...where))
		.all();
	if (found.length === 0) {
		throw input.householdNumber
			? fieldError(
					'not_found',
					'helperName',
					m.photos_helped_not_in_household({
						name: input.helperName,
						number: input.householdNumber
					})
				)
			: fieldError(
					'not_found',
					'helperName',
					m.photos_helped_not_found({ name: input.helperName })
				);
	}
	const others = found.filter((f) => !own.has(f.householdId));
	if (others.length === 0) throw new DomainError('slip_helped_own_household');
	if (others.length > 1) {
		throw fieldError(
			'validation',
			'householdNumber',
			m.photos_helped_ambiguous({ name: input.helperName })
		);
	}
	return others[0]!.id;
}

/**
 * A villager reports that a member of another household of the village helped them (受助人登记):
 * the slip goes to the helper's household, reported via 'helped' by the viewer, and always
 * starts as `reported` — under two-level review the helper's 十户长 checks it, then the
 * committee approves it like any other slip. Only rules that award points may be used: no one
 * is reported for a deduction this way. With 代办 the household acted for counts as the
 * reporter's own too.
 */
export function reportHelpedSlip(
	viewer: Viewer | null,
	raw: z.input<typeof ZReportHelpedSlip>,
	options: {
		onBehalfOfMemberId?: number | null;
		actingForHouseholdId?: number | null;
		today?: string;
		photoKey?: string | null;
	} = {}
): DepositSlip {
	const input = parseInput(ZReportHelpedSlip, raw);
	if (!viewer) throw new DomainError('unauthenticated');
	const villageId = viewer.villageId;
	if (villageId === null) throw new DomainError('forbidden');
	authorize(viewer, 'slips:report_helped', { kind: 'village', villageId });
	const own = new Set<number>();
	if (viewer.householdId !== null) own.add(viewer.householdId);
	if (options.actingForHouseholdId) own.add(options.actingForHouseholdId);
	const target = memberTarget(findHelper(villageId, input, own));
	authorize(viewer, 'slips:report_helped', target);
	return write(
		(tx) =>
			insertSlip(tx, {
				villageId: target.villageId,
				householdId: target.householdId,
				memberId: target.memberId,
				ruleId: input.ruleId,
				quantity: input.quantity,
				occurredOn: input.occurredOn,
				note: input.note,
				reportedBy: viewer.userId,
				reportedVia: 'helped',
				onBehalfOfMemberId: options.onBehalfOfMemberId ?? null,
				photoKey: options.photoKey ?? null,
				countsAsCheck: false,
				today: options.today ?? new Date().toISOString().slice(0, 10),
				acceptRule: (rule) => {
					if (rule.points <= 0) {
						throw fieldError('validation', 'ruleId', m.photos_helped_deduction());
					}
				},
				audit: { ...input }
			}).slip
	);
}
