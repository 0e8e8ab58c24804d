import { z } from 'zod';
import { formAction } from '$lib/server/http/form';
import { loadOrError } from '$lib/server/http/load';
import { chainHead } from '$lib/server/ledger/chain-head';
import { checkVillageLedger } from '$lib/server/ledger/check-village-ledger';
import { displayRow } from '$lib/server/ledger/display';
import { listVillageEntries } from '$lib/server/ledger/list-village-entries';
import { ownVillageTarget } from '$lib/server/people/scope';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(() => {
		const villageId = ownVillageTarget(locals.viewer).villageId;
		const household = url.searchParams.get('household')?.trim() || undefined;
		const before = url.searchParams.get('before') ?? undefined;
		const list = listVillageEntries(locals.viewer, villageId, { household, before, limit: 50 });
		return {
			household: household ?? '',
			head: chainHead(villageId),
			entries: list.entries.map((e) => ({
				...displayRow(e),
				householdId: e.householdId,
				householdNumber: e.householdNumber,
				correctable: e.correctedByEntryId === null && e.kind !== 'redeem' && e.kind !== 'refund'
			})),
			nextBefore: list.nextBefore
		};
	});

export const actions: Actions = {
	verify: (event) =>
		formAction(event.request, z.object({}), () => ({
			report: checkVillageLedger(
				event.locals.viewer,
				ownVillageTarget(event.locals.viewer).villageId
			)
		}))
};
