import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { ENTRY_KINDS, households, ledgerEntries, members, villages } from '$lib/server/db/schema';
import { notFound } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import { householdTarget } from '$lib/server/people/targets';
import { parseInput } from '$lib/server/people/schemas';
import { deedEntries } from './deeds';
import { minimalEntries } from './earned-to-date';
import { entryViews } from './entry-views';
import { ZStatementQuery } from './schemas';
import type { Statement } from './views';

/**
 * A household's account: balance, points earned to date, totals by kind, which member earned
 * what, and its entries newest first with the running balance after each. For the household's
 * members (and whoever acts for one of them), its 十户长 and the committee.
 */
export function getStatement(
	viewer: Viewer | null,
	householdId: number,
	raw: z.input<typeof ZStatementQuery> = {}
): Statement {
	authorize(viewer, 'ledger:view_household', householdTarget(householdId));
	const query = parseInput(ZStatementQuery, raw);
	const head = db
		.select({
			id: households.id,
			number: households.number,
			villageId: households.villageId,
			villageName: villages.name,
			address: households.address,
			balance: households.balance,
			headMemberId: households.headMemberId
		})
		.from(households)
		.innerJoin(villages, eq(villages.id, households.villageId))
		.where(eq(households.id, householdId))
		.get();
	if (!head) throw notFound();
	const names = new Map(
		db
			.select({ id: members.id, name: members.name })
			.from(members)
			.where(eq(members.householdId, householdId))
			.all()
			.map((r) => [r.id, r.name])
	);

	const all = minimalEntries(householdId);
	const totals = Object.fromEntries(ENTRY_KINDS.map((k) => [k, 0])) as Statement['totals'];
	for (const e of all) totals[e.kind] += e.points;
	const perMember = new Map<number | null, number>();
	const deeds = deedEntries(all);
	for (const e of deeds) perMember.set(e.memberId, (perMember.get(e.memberId) ?? 0) + e.points);

	const entries = entryViews(eq(ledgerEntries.householdId, householdId), {
		limit: query.limit + 1,
		before: query.before
	});
	const more = entries.length > query.limit;
	if (more) entries.pop();
	return {
		household: {
			id: head.id,
			number: head.number,
			villageId: head.villageId,
			villageName: head.villageName,
			headName: head.headMemberId === null ? null : (names.get(head.headMemberId) ?? null),
			address: head.address
		},
		balance: head.balance,
		earnedToDate: deeds.reduce((sum, e) => sum + e.points, 0),
		totals,
		byMember: [...perMember]
			.map(([memberId, points]) => ({
				memberId,
				name: memberId === null ? null : (names.get(memberId) ?? null),
				points
			}))
			.sort((a, b) => b.points - a.points),
		entryCount: all.length,
		entries,
		nextBefore: more ? (entries.at(-1)?.id ?? null) : null
	};
}
