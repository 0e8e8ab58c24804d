import { z } from 'zod';
import { DomainError } from '$lib/server/errors';
import { zCheckbox, zId } from '$lib/server/http/fields';
import { formAction } from '$lib/server/http/form';
import { loadOrError } from '$lib/server/http/load';
import { ownVillageTarget } from '$lib/server/people/scope';
import { authorize } from '$lib/server/permissions';
import { withStoredPhoto } from '$lib/server/photos/with-stored-photo';
import { listItems } from '$lib/server/shop/list-items';
import { saveItem } from '$lib/server/shop/save-item';
import { ZSaveItem } from '$lib/server/shop/schemas';
import { setItemPhoto } from '$lib/server/shop/set-item-photo';
import * as m from '$lib/paraglide/messages';
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
		})),
	/** An item's photo (multipart: `photo`), or `remove` to take it off. */
	photo: (event) =>
		formAction(
			event.request,
			z.object({ itemId: zId, remove: zCheckbox }),
			async ({ itemId, remove }, form) => {
				const viewer = event.locals.viewer;
				if (remove) return { photoRemoved: setItemPhoto(viewer, itemId, null).name };
				// Refused before the photo is decoded and stored, not only after.
				authorize(viewer, 'shop:manage_catalog', ownVillageTarget(viewer));
				const item = await withStoredPhoto(form.get('photo'), (photoKey) => {
					if (!photoKey) {
						const message = m.shopreport_photo_choose();
						throw new DomainError('bad_request', {
							message,
							details: { fieldErrors: { photo: message } }
						});
					}
					return setItemPhoto(viewer, itemId, photoKey);
				});
				return { photoSaved: item.name };
			}
		)
};
