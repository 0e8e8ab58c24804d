import type { Viewer } from '$lib/server/auth/viewer';
import { getStatement } from './get-statement';
import type { Statement } from './views';

/** A statement with every entry (newest first), for the passbook and the spreadsheet. */
export function fullStatement(viewer: Viewer | null, householdId: number): Statement {
	const first = getStatement(viewer, householdId, { limit: 1000 });
	const entries = [...first.entries];
	let before = first.nextBefore;
	while (before !== null) {
		const page = getStatement(viewer, householdId, { limit: 1000, before });
		entries.push(...page.entries);
		before = page.nextBefore;
	}
	return { ...first, entries, nextBefore: null };
}
