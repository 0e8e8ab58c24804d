import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '$lib/server/db';
import { households, ledgerEntries, members, ruleVersions, rules } from '$lib/server/db/schema';

const p = sql.placeholder;

/**
 * postEntry's queries, prepared once per database connection: posting is the hot path (a
 * festival's check-ins, an inspection scoring every household), and building and preparing
 * eight statements per entry cost more than running them. The cache is keyed by the
 * connection's drizzle session, so a second connection (another process, or a test) gets its
 * own statements.
 */
function prepare(tx: Tx) {
	return {
		bySource: tx
			.select()
			.from(ledgerEntries)
			.where(
				and(
					eq(ledgerEntries.sourceType, p('sourceType')),
					eq(ledgerEntries.sourceId, p('sourceId')),
					eq(ledgerEntries.kind, p('kind'))
				)
			)
			.prepare(),
		household: tx
			.select({ villageId: households.villageId, balance: households.balance })
			.from(households)
			.where(eq(households.id, p('id')))
			.prepare(),
		memberHousehold: tx
			.select({ householdId: members.householdId })
			.from(members)
			.where(eq(members.id, p('id')))
			.prepare(),
		rule: tx
			.select({
				versionId: rules.versionId,
				villageId: ruleVersions.villageId,
				status: ruleVersions.status
			})
			.from(rules)
			.innerJoin(ruleVersions, eq(rules.versionId, ruleVersions.id))
			.where(eq(rules.id, p('id')))
			.prepare(),
		lastOfHousehold: tx
			.select({ balanceAfter: ledgerEntries.balanceAfter })
			.from(ledgerEntries)
			.where(eq(ledgerEntries.householdId, p('id')))
			.orderBy(desc(ledgerEntries.id))
			.limit(1)
			.prepare(),
		head: tx
			.select({ seq: ledgerEntries.seq, hash: ledgerEntries.hash })
			.from(ledgerEntries)
			.where(eq(ledgerEntries.villageId, p('id')))
			.orderBy(desc(ledgerEntries.seq))
			.limit(1)
			.prepare(),
		insert: tx
			.insert(ledgerEntries)
			.values({
				villageId: p('villageId'),
				seq: p('seq'),
				householdId: p('householdId'),
				memberId: p('memberId'),
				kind: p('kind'),
				points: p('points'),
				sourceType: p('sourceType'),
				sourceId: p('sourceId'),
				ruleId: p('ruleId'),
				ruleVersionId: p('ruleVersionId'),
				note: p('note'),
				actorUserId: p('actorUserId'),
				onBehalfOfMemberId: p('onBehalfOfMemberId'),
				createdAt: p('createdAt'),
				balanceAfter: p('balanceAfter'),
				prevHash: p('prevHash'),
				hash: p('hash')
			})
			.returning()
			.prepare(),
		setBalance: tx
			.update(households)
			.set({ balance: sql`${p('balance')}` })
			.where(eq(households.id, p('id')))
			.prepare()
	};
}

const cache = new WeakMap<object, ReturnType<typeof prepare>>();

export function ledgerStatements(tx: Tx): ReturnType<typeof prepare> {
	const session = (tx as unknown as { session: object }).session;
	let statements = cache.get(session);
	if (!statements) {
		statements = prepare(tx);
		cache.set(session, statements);
	}
	return statements;
}
