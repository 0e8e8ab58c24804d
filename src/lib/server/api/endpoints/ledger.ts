import { z } from 'zod';
import { zId } from '$lib/server/http/fields';
import { checkVillageLedger } from '$lib/server/ledger/check-village-ledger';
import { correctEntry } from '$lib/server/ledger/correct-entry';
import { getEntry } from '$lib/server/ledger/get-entry';
import { getStatement } from '$lib/server/ledger/get-statement';
import { listVillageEntries } from '$lib/server/ledger/list-village-entries';
import { ZCorrectEntry, ZStatementQuery, ZVillageEntriesQuery } from '$lib/server/ledger/schemas';
import { ZEntryView, ZStatement, ZVerifyReport, ZVillageEntries } from '$lib/server/ledger/views';
import { ownVillageTarget } from '$lib/server/people/scope';
import { defineEndpoint } from '../endpoint';

/**
 * The household points ledger: read a household's statement (its members, whoever acts for
 * them, its 十户长, the committee), the committee's view of the whole village, corrections by
 * reversing entry, and verification of balances and the hash chain.
 */

const tag = 'ledger';
const ZIdParams = z.object({ id: zId });

export const householdLedgerEndpoint = defineEndpoint({
	method: 'GET',
	path: '/households/{id}/ledger',
	summary:
		'A household’s statement: balance, earned to date, totals, by member, entries newest first (running balance)',
	tag,
	auth: true,
	params: ZIdParams,
	query: ZStatementQuery,
	response: ZStatement,
	handler: ({ viewer, params, query }) => getStatement(viewer, params.id, query)
});

export const listLedgerEntriesEndpoint = defineEndpoint({
	method: 'GET',
	path: '/ledger/entries',
	summary:
		'The caller’s village ledger, newest first; ?household=<户号> for one household (committee)',
	tag,
	auth: true,
	query: ZVillageEntriesQuery,
	response: ZVillageEntries,
	handler: ({ viewer, query }) =>
		listVillageEntries(viewer, ownVillageTarget(viewer).villageId, query)
});

export const getLedgerEntryEndpoint = defineEndpoint({
	method: 'GET',
	path: '/ledger/entries/{id}',
	summary: 'One ledger entry',
	tag,
	auth: true,
	params: ZIdParams,
	response: ZEntryView,
	handler: ({ viewer, params }) => getEntry(viewer, params.id)
});

export const correctLedgerEntryEndpoint = defineEndpoint({
	method: 'POST',
	path: '/ledger/entries/{id}/correct',
	summary:
		'Reverse an entry with a reason (committee): a new "correct" entry of the opposite amount; once per entry',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZCorrectEntry,
	response: ZEntryView,
	status: 201,
	handler: ({ viewer, params, body }) => correctEntry(viewer, params.id, body)
});

export const verifyVillageLedgerEndpoint = defineEndpoint({
	method: 'GET',
	path: '/villages/{id}/ledger/verify',
	summary:
		'Recompute every balance and the hash chain of a village (committee, town admin): ok, or the first mismatch',
	tag,
	auth: true,
	params: ZIdParams,
	response: ZVerifyReport,
	handler: ({ viewer, params }) => checkVillageLedger(viewer, params.id)
});
