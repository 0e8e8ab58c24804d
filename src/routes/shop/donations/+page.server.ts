import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { villages } from '$lib/server/db/schema';
import { loadOrError } from '$lib/server/http/load';
import { listPublicVillages } from '$lib/server/rules/list-public-villages';
import { listDonations } from '$lib/server/shop/list-donations';
import type { PageServerLoad } from './$types';

/** Public: who gave the village's points supermarket what, and when (?village=<code>). */
export const load: PageServerLoad = ({ locals, url }) => {
	let code = url.searchParams.get('village');
	if (!code && locals.viewer?.villageId) {
		code =
			db
				.select({ code: villages.code })
				.from(villages)
				.where(eq(villages.id, locals.viewer.villageId))
				.get()?.code ?? null;
	}
	if (!code) return { donations: null, villages: listPublicVillages() };
	const village = code;
	return loadOrError(() => ({ donations: listDonations(locals.viewer, village), villages: [] }));
};
