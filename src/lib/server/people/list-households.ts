import { and, count, eq, exists, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { households, members } from '$lib/server/db/schema';
import { authorize } from '$lib/server/permissions';
import { parseInput, ZPeopleSearch } from './schemas';
import { ownVillageTarget } from './scope';
import { householdSummaries, type HouseholdList } from './views';
import type { z } from 'zod';

export const HOUSEHOLDS_PAGE_SIZE = 50;

/**
 * The village's households for the committee: matched by 户号, address, or a member's name or
 * phone; optionally one group's only; inactive ones only when asked for; 50 to a page.
 */
export function listHouseholds(
	viewer: Viewer | null,
	raw: z.input<typeof ZPeopleSearch> = {}
): HouseholdList {
	const target = ownVillageTarget(viewer);
	authorize(viewer, 'people:manage', target);
	const search = parseInput(ZPeopleSearch, raw);

	const conditions: (SQL | undefined)[] = [eq(households.villageId, target.villageId)];
	if (!search.includeInactive) conditions.push(eq(households.active, true));
	if (search.tenGroupId !== undefined)
		conditions.push(eq(households.tenGroupId, search.tenGroupId));
	if (search.q) {
		const pattern = containsPattern(search.q);
		conditions.push(
			or(
				likeEscaped(households.number, pattern),
				likeEscaped(households.address, pattern),
				exists(
					db
						.select({ one: sql`1` })
						.from(members)
						.where(
							and(
								eq(members.householdId, households.id),
								or(likeEscaped(members.name, pattern), likeEscaped(members.phone, pattern))
							)
						)
				)
			)
		);
	}
	const where = and(...conditions);
	const total = db.select({ n: count() }).from(households).where(where).get()?.n ?? 0;
	const pages = Math.max(1, Math.ceil(total / HOUSEHOLDS_PAGE_SIZE));
	const page = Math.min(search.page, pages);
	return {
		households: householdSummaries(where, {
			limit: HOUSEHOLDS_PAGE_SIZE,
			offset: (page - 1) * HOUSEHOLDS_PAGE_SIZE
		}),
		total,
		page,
		pageSize: HOUSEHOLDS_PAGE_SIZE,
		pages
	};
}

/** "%text%" with LIKE's own wildcards in `text` taken literally. */
function containsPattern(text: string): string {
	return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function likeEscaped(column: AnyColumn, pattern: string): SQL {
	return sql`${column} like ${pattern} escape '\\'`;
}
