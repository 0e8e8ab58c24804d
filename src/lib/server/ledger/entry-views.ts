import { and, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { db } from '$lib/server/db';
import {
	households,
	ledgerEntries,
	members,
	ruleVersions,
	rules,
	users
} from '$lib/server/db/schema';
import type { EntryView } from './views';

const onBehalf = alias(members, 'on_behalf');

/**
 * Entries matching `where`, newest first, with the names a person reads: the member, the rule
 * and its rule-book version, who recorded it and for whom, and the correction that reversed it.
 */
export function entryViews(
	where: SQL | undefined,
	page: { limit: number; before?: number } = { limit: 1000 }
): EntryView[] {
	const rows = db
		.select({
			e: ledgerEntries,
			householdNumber: households.number,
			memberName: members.name,
			ruleName: rules.name,
			ruleCategory: rules.category,
			versionNumber: ruleVersions.number,
			actorName: users.name,
			onBehalfOfName: onBehalf.name
		})
		.from(ledgerEntries)
		.innerJoin(households, eq(households.id, ledgerEntries.householdId))
		.leftJoin(members, eq(members.id, ledgerEntries.memberId))
		.leftJoin(rules, eq(rules.id, ledgerEntries.ruleId))
		.leftJoin(ruleVersions, eq(ruleVersions.id, ledgerEntries.ruleVersionId))
		.leftJoin(users, eq(users.id, ledgerEntries.actorUserId))
		.leftJoin(onBehalf, eq(onBehalf.id, ledgerEntries.onBehalfOfMemberId))
		.where(and(where, page.before ? lt(ledgerEntries.id, page.before) : undefined))
		.orderBy(desc(ledgerEntries.id))
		.limit(page.limit)
		.all();
	const corrections = correctionsOf(rows.map((r) => r.e.id));
	return rows.map(({ e, ...r }) => ({
		id: e.id,
		seq: e.seq,
		householdId: e.householdId,
		householdNumber: r.householdNumber,
		at: e.createdAt.toISOString(),
		kind: e.kind,
		points: e.points,
		balanceAfter: e.balanceAfter,
		memberId: e.memberId,
		memberName: r.memberName,
		rule:
			e.ruleId !== null && e.ruleVersionId !== null
				? {
						id: e.ruleId,
						name: r.ruleName ?? '',
						category: r.ruleCategory ?? '',
						versionId: e.ruleVersionId,
						versionNumber: r.versionNumber ?? 0
					}
				: null,
		source: { type: e.sourceType, id: e.sourceId },
		note: e.note,
		actorName: r.actorName,
		onBehalfOfName: r.onBehalfOfName,
		correctedByEntryId: corrections.get(e.id) ?? null,
		hash: e.hash
	}));
}

/** original entry id → the id of the correction that reversed it. */
function correctionsOf(entryIds: number[]): Map<number, number> {
	if (entryIds.length === 0) return new Map();
	const rows = db
		.select({ id: ledgerEntries.id, sourceId: ledgerEntries.sourceId })
		.from(ledgerEntries)
		.where(
			and(
				eq(ledgerEntries.kind, 'correct'),
				eq(ledgerEntries.sourceType, 'entry'),
				inArray(ledgerEntries.sourceId, entryIds)
			)
		)
		.all();
	return new Map(rows.map((r) => [r.sourceId, r.id]));
}
