import { redirect } from '@sveltejs/kit';
import { randomBytes } from 'node:crypto';
import { DomainError } from '$lib/server/errors';
import { formAction } from '$lib/server/http/form';
import { loadOrError } from '$lib/server/http/load';
import { listPublicVillages } from '$lib/server/rules/list-public-villages';
import { listCatalog } from '$lib/server/shop/list-catalog';
import { placeOrder } from '$lib/server/shop/place-order';
import { ZOrderForm } from '$lib/server/shop/schemas';
import type { Actions, PageServerLoad } from './$types';

/**
 * The points supermarket's shelf: public (?village=<code> without an account); for a villager
 * it shows where the household stands and which items it can afford now, with a basket form.
 */
export const load: PageServerLoad = ({ locals, url }) => {
	const code = url.searchParams.get('village');
	const viewer = locals.viewer;
	if (!code && !viewer?.villageId)
		return { catalog: null, villages: listPublicVillages(), token: '' };
	return loadOrError(() => ({
		catalog: listCatalog(viewer, code, {
			onBehalfOfMemberId: locals.actingFor?.memberId ?? null
		}),
		villages: [],
		// One token per page load: a double tap, or the form sent again, makes one order.
		token: randomBytes(12).toString('base64url')
	}));
};

export const actions: Actions = {
	default: (event) =>
		formAction(event.request, ZOrderForm, (input) => {
			const viewer = event.locals.viewer;
			if (!viewer) throw new DomainError('unauthenticated');
			const order = placeOrder(viewer, input, {
				onBehalfOfMemberId: event.locals.actingFor?.memberId ?? null
			});
			redirect(303, `/shop/orders?placed=${order.id}`);
		})
};
