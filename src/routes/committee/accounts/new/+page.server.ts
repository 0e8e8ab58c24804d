import { redirect } from '@sveltejs/kit';
import { createAccount } from '$lib/server/accounts/create-account';
import {
	findMembersWithoutLogin,
	memberForLogin
} from '$lib/server/accounts/find-members-without-login';
import { ZCreateAccount } from '$lib/server/accounts/schemas';
import { formAction } from '$lib/server/http/form';
import { zId } from '$lib/server/http/fields';
import { loadOrError } from '$lib/server/http/load';
import { ownVillageTarget } from '$lib/server/people/scope';
import type { Actions, PageServerLoad } from './$types';

/** Step 1: find the member (?q=); step 2: the login form for one member (?member=<id>). */
export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(() => {
		const memberParam = url.searchParams.get('member');
		const q = url.searchParams.get('q') ?? '';
		if (memberParam !== null) {
			return { q, member: memberForLogin(locals.viewer, zId.parse(memberParam)), results: [] };
		}
		const villageId = ownVillageTarget(locals.viewer).villageId;
		return { q, member: null, results: findMembersWithoutLogin(locals.viewer, villageId, { q }) };
	});

export const actions: Actions = {
	create: (event) =>
		formAction(event.request, ZCreateAccount, async (input) => {
			const { userId } = await createAccount(event.locals.viewer, input);
			redirect(303, `/committee/accounts/${userId}?created=1`);
		})
};
