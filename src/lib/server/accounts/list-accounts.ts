import { and, count, desc, eq, or } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { authorize } from '$lib/server/permissions';
import { containsText } from '$lib/server/villages/contains-text';
import { toAccountRows, type AccountRow } from './account-rows';
import { ZAccountSearch, type AccountSearch } from './schemas';

export const ACCOUNTS_PAGE_SIZE = 50;

export type AccountList = { accounts: AccountRow[]; total: number; page: number; pageSize: number };

/** The logins of a village (committee), newest first; searchable by name or phone. */
export function listAccounts(
	viewer: Viewer | null,
	villageId: number,
	search: AccountSearch = {}
): AccountList {
	authorize(viewer, 'accounts:manage', { kind: 'village', villageId });
	const { q, page = 1 } = ZAccountSearch.parse(search);
	const where = and(
		eq(users.villageId, villageId),
		q ? or(containsText(users.name, q), containsText(users.phone, q)) : undefined
	);
	const total = db.select({ n: count() }).from(users).where(where).get()?.n ?? 0;
	const rows = db
		.select()
		.from(users)
		.where(where)
		.orderBy(desc(users.active), desc(users.id))
		.limit(ACCOUNTS_PAGE_SIZE)
		.offset((page - 1) * ACCOUNTS_PAGE_SIZE)
		.all();
	return { accounts: toAccountRows(rows), total, page, pageSize: ACCOUNTS_PAGE_SIZE };
}
