import QRCode from 'qrcode';
import { z } from 'zod';
import { roomName } from '$lib/realtime/events';
import { cancelEvent } from '$lib/server/events/cancel-event';
import { cancelSignup } from '$lib/server/events/cancel-signup';
import { eventTarget } from '$lib/server/events/event-target';
import { getCheckinCode } from '$lib/server/events/get-checkin-code';
import { getEvent } from '$lib/server/events/get-event';
import { signUp } from '$lib/server/events/sign-up';
import { ZSignup } from '$lib/server/events/schemas';
import { signupChoices } from '$lib/server/events/signup-choices';
import { formAction } from '$lib/server/http/form';
import { idParam, loadOrError } from '$lib/server/http/load';
import { can } from '$lib/server/permissions';
import { latestFeed } from '$lib/server/realtime/feed-query';
import type { Actions, PageServerLoad } from './$types';

/**
 * An event's page: public details and live head count (the `event:<id>` room: counts and
 * masked names); sign-up and cancel for oneself or 代办; for the organiser, the rotating check-in
 * QR code (re-loaded every 15 s through `depends`) with its URL in plain text to read out.
 */
export const load: PageServerLoad = ({ locals, params, url, depends }) =>
	loadOrError(async () => {
		depends('app:event-qr');
		const id = idParam(params.id);
		const event = getEvent(id);
		const room = roomName('event', id);
		const organiser = can(locals.viewer, 'events:organise', eventTarget(id).target);
		let qr: { url: string; svg: string; rotatesAt: string } | null = null;
		if (organiser && event.status === 'active') {
			const code = getCheckinCode(locals.viewer, id, url.origin);
			const svg = await QRCode.toString(code.url, {
				type: 'svg',
				margin: 1,
				errorCorrectionLevel: 'M'
			});
			qr = { url: code.url, svg, rotatesAt: code.rotatesAt };
		}
		return {
			event,
			room,
			feed: latestFeed(room, 20),
			choices: signupChoices(locals.viewer, id),
			signedIn: !!locals.viewer,
			organiser,
			qr,
			now: new Date().toISOString()
		};
	});

const action =
	(run: typeof signUp | typeof cancelSignup, done: 'signedUp' | 'cancelled') =>
	(event: Parameters<Actions[string]>[0]) =>
		formAction(event.request, ZSignup.omit({ eventId: true }), ({ memberId }) => {
			run(event.locals.viewer, { eventId: idParam(event.params.id), memberId });
			return { done, memberId };
		});

export const actions: Actions = {
	signup: action(signUp, 'signedUp'),
	cancel: action(cancelSignup, 'cancelled'),
	cancelEvent: (event) =>
		formAction(event.request, z.object({}), () => {
			cancelEvent(event.locals.viewer, idParam(event.params.id));
			return { done: 'eventCancelled' as const, memberId: null };
		})
};
