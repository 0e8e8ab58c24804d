import { downloadResponse } from '$lib/server/import/write-sheet';
import { loadOrError } from '$lib/server/http/load';
import { exportStatement } from '$lib/server/ledger/export-statement';
import { statementHousehold } from '$lib/server/ledger/statement-household';
import { DomainError } from '$lib/server/errors';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, url }) =>
	loadOrError(async () => {
		const householdId = statementHousehold(locals.viewer, locals.actingFor, url);
		if (householdId === null) throw new DomainError('not_found');
		return downloadResponse(await exportStatement(locals.viewer, householdId));
	});
