import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { households, ledgerEntries } from '$lib/server/db/schema';
import { authorize } from '$lib/server/permissions';
import { parseInput } from '$lib/server/people/schemas';
import { entryViews } from './entry-views';
import { ZVillageEntriesQuery } from './schemas';
import type { VillageEntries } from './views';

/** The committee's view of its village's ledger, newest first; `household` narrows to one 户号. */
export function listVillageEntries(
	viewer: Viewer | null,
	villageId: number,
	raw: z.input<typeof ZVillageEntriesQuery> = {}
): VillageEntries {
	authorize(viewer, 'ledger:view_village', { kind: 'village', villageId });
	const query = parseInput(ZVillageEntriesQuery, raw);
	let householdId: number | undefined;
	if (query.household) {
		const h = db
			.select({ id: households.id })
			.from(households)
			.where(and(eq(households.villageId, villageId), eq(households.number, query.household)))
			.get();
		if (!h) return { entries: [], nextBefore: null };
		householdId = h.id;
	}
	const entries = entryViews(
		and(
			eq(ledgerEntries.villageId, villageId),
			householdId === undefined ? undefined : eq(ledgerEntries.householdId, householdId)
		),
		{ limit: query.limit + 1, before: query.before }
	);
	const more = entries.length > query.limit;
	if (more) entries.pop();
	return { entries, nextBefore: more ? (entries.at(-1)?.id ?? null) : null };
}
