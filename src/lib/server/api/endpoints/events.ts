import { z } from 'zod';
import { cancelEvent } from '$lib/server/events/cancel-event';
import { cancelSignup } from '$lib/server/events/cancel-signup';
import { checkIn } from '$lib/server/events/check-in';
import { createEvent } from '$lib/server/events/create-event';
import { getCheckinCode } from '$lib/server/events/get-checkin-code';
import { getEvent } from '$lib/server/events/get-event';
import { getRoster } from '$lib/server/events/get-roster';
import { listEvents } from '$lib/server/events/list-events';
import { listMemberCards } from '$lib/server/events/list-member-cards';
import { ZCreateEvent, ZEventQuery, ZEventSettings } from '$lib/server/events/schemas';
import { setEventSettings } from '$lib/server/events/set-event-settings';
import { signUp } from '$lib/server/events/sign-up';
import {
	ZCheckinResult,
	ZEventDetails,
	ZEventList,
	ZRosterRow,
	ZSignupView
} from '$lib/server/events/views';
import { zId, zList } from '$lib/server/http/fields';
import { defineEndpoint } from '../endpoint';

/**
 * Events (睦邻活动): the public list and event page, creating events, sign-up with a waitlist
 * (for oneself or 代办), the organiser's roster, and check-in three ways — the rotating QR code,
 * a member card, ticking the roster — all through one service.
 */

const tag = 'events';
const ZIdParams = z.object({ id: zId });

const ZEventView = z.object({
	id: z.number(),
	villageId: z.number(),
	title: z.string(),
	type: z.string(),
	organiser: z.enum(['committee', 'team']),
	teamId: z.number().nullable(),
	startsAt: z.string(),
	endsAt: z.string()
});
const eventView = (e: ReturnType<typeof createEvent>) => ({
	id: e.id,
	villageId: e.villageId,
	title: e.title,
	type: e.type,
	organiser: e.organiser,
	teamId: e.teamId,
	startsAt: e.startsAt.toISOString(),
	endsAt: e.endsAt.toISOString()
});
const signupView = (s: z.infer<typeof ZSignupView> & Record<string, unknown>) => ({
	id: s.id,
	eventId: s.eventId,
	memberId: s.memberId,
	status: s.status,
	onBehalfOfMemberId: s.onBehalfOfMemberId
});

export const listEventsEndpoint = defineEndpoint({
	method: 'GET',
	path: '/events',
	summary: 'A village’s events of one month (public): ?village=<code>&month=YYYY-MM',
	tag,
	auth: false,
	query: ZEventQuery,
	response: ZEventList,
	handler: ({ query }) => listEvents(query.village, query.month)
});

export const createEventEndpoint = defineEndpoint({
	method: 'POST',
	path: '/events',
	summary:
		'Create an event (committee; a team leader for a team’s event, with teamId). Times are ISO. Send an Idempotency-Key.',
	tag,
	auth: true,
	body: ZCreateEvent,
	response: ZEventView,
	status: 201,
	handler: ({ viewer, body }) => eventView(createEvent(viewer, body))
});

export const cancelEventEndpoint = defineEndpoint({
	method: 'POST',
	path: '/events/{id}/cancel',
	summary: 'Call an event off (its organiser): no more sign-ups or check-ins',
	tag,
	auth: true,
	params: ZIdParams,
	response: ZEventView,
	handler: ({ viewer, params }) => eventView(cancelEvent(viewer, params.id))
});

export const getEventEndpoint = defineEndpoint({
	method: 'GET',
	path: '/events/{id}',
	summary: 'One event (public): details, head counts, latest check-ins with masked names',
	tag,
	auth: false,
	params: ZIdParams,
	response: ZEventDetails,
	handler: ({ params }) => getEvent(params.id)
});

export const signUpEndpoint = defineEndpoint({
	method: 'POST',
	path: '/events/{id}/signups',
	summary:
		'Sign a member up (oneself, or 代办 for a consenting member); on the waitlist when full. Send an Idempotency-Key.',
	tag,
	auth: true,
	params: ZIdParams,
	body: z.object({ memberId: zId }),
	response: ZSignupView,
	status: 201,
	handler: ({ viewer, params, body }) =>
		signupView(signUp(viewer, { eventId: params.id, memberId: body.memberId }))
});

export const cancelSignupEndpoint = defineEndpoint({
	method: 'POST',
	path: '/events/{id}/signups/{memberId}/cancel',
	summary:
		'Cancel a sign-up (oneself, 代办, or the organiser); the first on the waitlist moves up at once',
	tag,
	auth: true,
	params: z.object({ id: zId, memberId: zId }),
	response: z.object({ signup: ZSignupView.nullable(), promoted: ZSignupView.nullable() }),
	handler: ({ viewer, params }) => {
		const r = cancelSignup(viewer, { eventId: params.id, memberId: params.memberId });
		return {
			signup: r.signup ? signupView(r.signup) : null,
			promoted: r.promoted ? signupView(r.promoted) : null
		};
	}
});

export const rosterEndpoint = defineEndpoint({
	method: 'GET',
	path: '/events/{id}/roster',
	summary: 'The organiser’s roster: sign-ups, waitlist, who checked in and how',
	tag,
	auth: true,
	params: ZIdParams,
	response: z.array(ZRosterRow),
	handler: ({ viewer, params }) => getRoster(viewer, params.id)
});

export const checkinCodeEndpoint = defineEndpoint({
	method: 'GET',
	path: '/events/{id}/checkin-code',
	summary:
		'The event’s current rotating check-in code and the URL its QR code carries (organiser); it changes every 15 s',
	tag,
	auth: true,
	params: ZIdParams,
	response: z.object({ token: z.string(), url: z.string(), rotatesAt: z.string() }),
	handler: ({ viewer, params, event }) => getCheckinCode(viewer, params.id, event.url.origin)
});

export const checkInEndpoint = defineEndpoint({
	method: 'POST',
	path: '/events/{id}/checkins',
	summary:
		'Check in: method "qr" with the scanned token (oneself or 代办), "card" with a scanned member card (organiser), "roster" with memberIds (organiser). Checking in again is a success marked alreadyCheckedIn. Send an Idempotency-Key.',
	tag,
	auth: true,
	params: ZIdParams,
	body: z.object({
		method: z.enum(['qr', 'card', 'roster']),
		token: z.string().optional(),
		memberId: zId.optional(),
		card: z.string().optional(),
		memberIds: zList(zId).optional()
	}),
	response: ZCheckinResult,
	handler: ({ viewer, params, body, event }) =>
		checkIn(viewer, { ...body, eventId: params.id } as Parameters<typeof checkIn>[1], {
			actingForMemberId: event.locals.actingFor?.memberId ?? null
		})
});

export const eventSettingsEndpoint = defineEndpoint({
	method: 'PUT',
	path: '/event-settings',
	summary:
		'How attendance points are given in the caller’s village: "slip" (normal review and 公示) or "credit" (at once)',
	tag,
	auth: true,
	body: ZEventSettings,
	response: ZEventSettings,
	handler: ({ viewer, body }) => setEventSettings(viewer, body)
});

export const memberCardsEndpoint = defineEndpoint({
	method: 'GET',
	path: '/member-cards',
	summary: 'Member cards to print, with the token each card’s QR code carries (committee)',
	tag,
	auth: true,
	response: z.array(
		z.object({
			memberId: z.number(),
			name: z.string(),
			householdNumber: z.string(),
			token: z.string()
		})
	),
	handler: ({ viewer }) => listMemberCards(viewer)
});
