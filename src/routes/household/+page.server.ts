import { redirect } from '@sveltejs/kit';
import { DomainError } from '$lib/server/errors';
import { formAction } from '$lib/server/http/form';
import { loadOrError } from '$lib/server/http/load';
import { setHouseholdActor, ZSetHouseholdActor } from '$lib/server/household/set-household-actor';
import { setProxyConsent, ZSetProxyConsent } from '$lib/server/household/set-proxy-consent';
import { getExpiryWarnings } from '$lib/server/ledger/get-expiry-warnings';
import { getHousehold } from '$lib/server/people/get-household';
import { lastFeedId } from '$lib/server/realtime/feed-query';
import { roomName } from '$lib/realtime/events';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const viewer = locals.viewer;
	if (!viewer) redirect(303, '/login');
	// Acting for someone (代办) shows their household; otherwise one's own.
	const householdId = locals.actingFor?.householdId ?? viewer.householdId;
	if (householdId === null) return { household: null, me: null };
	const household = loadOrError(() => getHousehold(viewer, householdId));
	return {
		household,
		/** Where the household's live feed stood at load: the page follows it from here. */
		feedLastId: lastFeedId(roomName('household', householdId)),
		// Points about to lapse under the village's expiry policy (only once warned).
		expiryWarnings: loadOrError(() => getExpiryWarnings(viewer, householdId)),
		me: household.members.find((mm) => mm.id === viewer.memberId) ?? null,
		isHead: !locals.actingFor && household.headMemberId === viewer.memberId
	};
};

export const actions: Actions = {
	actor: (event) =>
		formAction(event.request, ZSetHouseholdActor, (input) => {
			setHouseholdActor(event.locals.viewer, input);
			return { saved: true };
		}),
	consent: (event) =>
		formAction(event.request, ZSetProxyConsent.omit({ memberId: true }), (input) => {
			const viewer = event.locals.viewer;
			if (!viewer?.memberId) throw new DomainError('forbidden');
			setProxyConsent(viewer, { memberId: viewer.memberId, consent: input.consent });
			return { saved: true };
		})
};
