import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * `column LIKE '%text%'` with the LIKE wildcards in `text` escaped, so a search for "50%" or
 * "a_b" means exactly that text. SQLite's LIKE ignores ASCII case.
 */
export function containsText(column: AnyColumn | SQL, text: string): SQL {
	const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	return sql`${column} like ${pattern} escape '\\'`;
}
