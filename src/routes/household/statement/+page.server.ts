import { loadOrError } from '$lib/server/http/load';
import { displayRow, signed } from '$lib/server/ledger/display';
import { getStatement } from '$lib/server/ledger/get-statement';
import { statementHousehold } from '$lib/server/ledger/statement-household';
import { pendingSlips } from '$lib/server/slips/pending-slips';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(() => {
		const householdId = statementHousehold(locals.viewer, locals.actingFor, url);
		if (householdId === null) return { statement: null };
		const before = url.searchParams.get('before');
		const s = getStatement(locals.viewer, householdId, {
			limit: 50,
			before: before === null ? undefined : before
		});
		return {
			statement: {
				household: s.household,
				balance: s.balance,
				earnedToDate: s.earnedToDate,
				totals: Object.fromEntries(Object.entries(s.totals).map(([k, v]) => [k, signed(v)])),
				byMember: s.byMember.map((b) => ({ ...b, points: signed(b.points) })),
				entryCount: s.entryCount,
				rows: s.entries.map(displayRow),
				nextBefore: s.nextBefore,
				firstPage: before === null
			},
			pendingSlips: before === null ? pendingSlips(locals.viewer, householdId) : [],
			/** Links keep ?household= when the committee or a 十户长 is looking. */
			householdQuery: url.searchParams.has('household') ? `household=${householdId}` : ''
		};
	});
