import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { ledgerEntries, members } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import { parseInput } from '$lib/server/people/schemas';
import { entryViews } from './entry-views';
import { CORRECTABLE_KINDS } from './kinds';
import { postEntry } from './post-entry';
import { ZCorrectEntry } from './schemas';
import { entryTarget } from './targets';
import type { EntryView } from './views';

/**
 * The committee reverses an entry: a new `correct` entry of the opposite amount, for the same
 * household, member and rule, whose source is the original entry and whose note is the reason.
 * Nothing is edited. An entry is corrected at most once (the source is unique); a correction may
 * itself be reversed, which puts the original amount back. Redemptions and refunds can't be
 * corrected here: cancelling an order is the supermarket's refund.
 */
export function correctEntry(
	viewer: Viewer | null,
	entryId: number,
	raw: z.input<typeof ZCorrectEntry>
): EntryView {
	const target = entryTarget(entryId);
	authorize(viewer, 'ledger:correct', target);
	const { reason } = parseInput(ZCorrectEntry, raw);
	const id = write((tx) => {
		const original = tx.select().from(ledgerEntries).where(eq(ledgerEntries.id, entryId)).get();
		if (!original) throw new DomainError('not_found');
		if (!CORRECTABLE_KINDS.has(original.kind)) throw new DomainError('ledger_not_correctable');
		const already = tx
			.select({ id: ledgerEntries.id })
			.from(ledgerEntries)
			.where(
				and(
					eq(ledgerEntries.kind, 'correct'),
					eq(ledgerEntries.sourceType, 'entry'),
					eq(ledgerEntries.sourceId, original.id)
				)
			)
			.get();
		if (already) {
			throw new DomainError('ledger_already_corrected', { details: { correctionId: already.id } });
		}
		// The member it concerned, unless they have since moved to another household.
		const member =
			original.memberId === null
				? undefined
				: tx
						.select({ householdId: members.householdId })
						.from(members)
						.where(eq(members.id, original.memberId))
						.get();
		const { entry } = postEntry(tx, {
			villageId: original.villageId,
			householdId: original.householdId,
			memberId: member?.householdId === original.householdId ? original.memberId : null,
			kind: 'correct',
			points: -original.points,
			source: { type: 'entry', id: original.id },
			rule:
				original.ruleId !== null && original.ruleVersionId !== null
					? { ruleId: original.ruleId, ruleVersionId: original.ruleVersionId }
					: null,
			note: reason,
			actorUserId: viewer.userId
		});
		recordAudit(tx, {
			villageId: original.villageId,
			actorUserId: viewer.userId,
			action: 'ledger.correct',
			subjectType: 'ledger_entry',
			subjectId: original.id,
			detail: { correctionId: entry.id, points: entry.points, reason }
		});
		return entry.id;
	});
	const [view] = entryViews(eq(ledgerEntries.id, id), { limit: 1 });
	if (!view) throw new DomainError('not_found');
	return view;
}
