import { redirect } from '@sveltejs/kit';
import { formAction } from '$lib/server/http/form';
import { idParam, loadOrError } from '$lib/server/http/load';
import { correctEntry } from '$lib/server/ledger/correct-entry';
import { displayRow } from '$lib/server/ledger/display';
import { getEntry } from '$lib/server/ledger/get-entry';
import { CORRECTABLE_KINDS } from '$lib/server/ledger/kinds';
import { ZCorrectEntry } from '$lib/server/ledger/schemas';
import { authorize } from '$lib/server/permissions';
import { entryTarget } from '$lib/server/ledger/targets';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) =>
	loadOrError(() => {
		const id = idParam(params.id);
		// The committee's page: anyone else is refused as for a correction.
		authorize(locals.viewer, 'ledger:correct', entryTarget(id));
		const entry = getEntry(locals.viewer, id);
		return {
			entry: {
				...displayRow(entry),
				householdId: entry.householdId,
				householdNumber: entry.householdNumber,
				seq: entry.seq,
				hash: entry.hash,
				pointsValue: entry.points,
				sourceRaw: entry.source,
				correctedByEntryId: entry.correctedByEntryId,
				ruleVersion: entry.rule?.versionNumber ?? null
			},
			correctable: entry.correctedByEntryId === null && CORRECTABLE_KINDS.has(entry.kind)
		};
	});

export const actions: Actions = {
	default: (event) =>
		formAction(event.request, ZCorrectEntry, (input) => {
			const id = idParam(event.params.id);
			const fix = correctEntry(event.locals.viewer, id, input);
			redirect(303, `/committee/ledger/${fix.id}?corrects=${id}`);
		})
};
