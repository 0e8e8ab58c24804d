import { z } from 'zod';
import { checkIn } from '$lib/server/events/check-in';
import { getEvent } from '$lib/server/events/get-event';
import { signupChoices } from '$lib/server/events/signup-choices';
import { zId } from '$lib/server/http/fields';
import { formAction } from '$lib/server/http/form';
import { idParam, loadOrError } from '$lib/server/http/load';
import type { Actions, PageServerLoad } from './$types';

/**
 * Where the event's QR code leads (/events/<id>/checkin?t=<token>): the villager confirms with
 * one tap — for themself, or for a member they act for (代办). Nothing is recorded on opening the
 * page, so a link preview or a reload can't check anyone in. Not signed in: the page says to sign
 * in and scan again (the code is only good for about 30 seconds, so returning to it would fail).
 */
export const load: PageServerLoad = ({ locals, params, url }) =>
	loadOrError(() => {
		const id = idParam(params.id);
		const event = getEvent(id);
		return {
			event: { id, title: event.title, place: event.place, village: event.village.name },
			token: url.searchParams.get('t')?.slice(0, 200) ?? '',
			signedIn: !!locals.viewer,
			choices: signupChoices(locals.viewer, id),
			actingFor: locals.actingFor?.memberId ?? null
		};
	});

export const actions: Actions = {
	default: (event) =>
		formAction(
			event.request,
			z.object({ t: z.string().trim().min(1).max(200), memberId: zId.optional() }),
			({ t, memberId }) =>
				checkIn(
					event.locals.viewer,
					{ method: 'qr', eventId: idParam(event.params.id), token: t, memberId },
					{ actingForMemberId: event.locals.actingFor?.memberId ?? null }
				)
		)
};
