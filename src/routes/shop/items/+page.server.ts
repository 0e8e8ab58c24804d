import { zId } from '$lib/server/http/fields';
import { formAction } from '$lib/server/http/form';
import { loadOrError } from '$lib/server/http/load';
import { listItems } from '$lib/server/shop/list-items';
import { saveItem } from '$lib/server/shop/save-item';
import { ZSaveItem } from '$lib/server/shop/schemas';
import type { Actions, PageServerLoad } from './$types';

/** The catalog as the shop manages it: add items, change price or limit, take one off the shelf. */
export const load: PageServerLoad = ({ locals }) =>
	loadOrError(() => ({ items: listItems(locals.viewer) }));

export const actions: Actions = {
	add: (event) =>
		formAction(event.request, ZSaveItem, (input) => ({
			added: saveItem(event.locals.viewer, null, input).name
		})),
	edit: (event) =>
		formAction(event.request, ZSaveItem.extend({ itemId: zId }), ({ itemId, ...input }) => ({
			saved: saveItem(event.locals.viewer, itemId, input).name
		}))
};
