import { loadOrError } from '$lib/server/http/load';
import { displayRow, villageTime } from '$lib/server/ledger/display';
import { fullStatement } from '$lib/server/ledger/full-statement';
import { statementHousehold } from '$lib/server/ledger/statement-household';
import type { PageServerLoad } from './$types';

/** The printable 存折: the statement's entries oldest first, as a paper passbook runs. */
export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(() => {
		const householdId = statementHousehold(locals.viewer, locals.actingFor, url);
		if (householdId === null) return { passbook: null };
		const s = fullStatement(locals.viewer, householdId);
		return {
			passbook: {
				household: s.household,
				balance: s.balance,
				earnedToDate: s.earnedToDate,
				rows: s.entries.map(displayRow).reverse(),
				printedAt: villageTime(new Date().toISOString())
			},
			householdQuery: url.searchParams.has('household') ? `household=${householdId}` : ''
		};
	});
