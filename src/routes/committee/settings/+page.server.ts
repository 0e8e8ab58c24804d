import { loadOrError } from '$lib/server/http/load';
import { formAction } from '$lib/server/http/form';
import { zId } from '$lib/server/http/fields';
import { ownVillageTarget } from '$lib/server/people/scope';
import { ZVillageSettings } from '$lib/server/villages/settings-schema';
import { updateVillageSettings } from '$lib/server/villages/update-village-settings';
import { villageSettingsForEdit } from '$lib/server/villages/village-settings';
import type { Viewer } from '$lib/server/auth/viewer';
import type { Actions, PageServerLoad } from './$types';

/** The committee edits its own village; the town admin picks one with ?village=<id>. */
function villageIdOf(viewer: Viewer | null, url: URL): number {
	const asked = url.searchParams.get('village');
	return asked !== null ? zId.parse(asked) : ownVillageTarget(viewer).villageId;
}

export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(() => ({
		village: villageSettingsForEdit(locals.viewer, villageIdOf(locals.viewer, url)),
		ownVillage: url.searchParams.get('village') === null
	}));

export const actions: Actions = {
	default: (event) =>
		formAction(event.request, ZVillageSettings, (input) => {
			const villageId = villageIdOf(event.locals.viewer, event.url);
			updateVillageSettings(event.locals.viewer, villageId, input);
			return { saved: true };
		})
};
