import { z } from 'zod';
import { zId } from '$lib/server/http/fields';
import { closePoll } from '$lib/server/polls/close-poll';
import { getPoll } from '$lib/server/polls/get-poll';
import { listPolls, pollVillage } from '$lib/server/polls/list-polls';
import { openPoll } from '$lib/server/polls/open-poll';
import { ZOpenPoll, ZVote } from '$lib/server/polls/schemas';
import { vote } from '$lib/server/polls/vote';
import { ZPollView } from '$lib/server/polls/views';
import { defineEndpoint } from '../endpoint';

/**
 * Polls (征求意见): the committee asks, each household votes once (changeable until close), the
 * results are public after close. While a poll is open nobody sees counts.
 */

const tag = 'polls';
const ZIdParams = z.object({ id: zId });
const ZVillage = z.object({ id: z.number().int(), name: z.string(), code: z.string() });

export const listPollsEndpoint = defineEndpoint({
	method: 'GET',
	path: '/villages/{id}/polls',
	summary:
		'A village’s polls, open and closed (public; counts only for closed ones). Signed in: with the household’s current vote.',
	tag,
	auth: false,
	params: ZIdParams,
	response: z.object({ village: ZVillage, open: z.array(ZPollView), closed: z.array(ZPollView) }),
	handler: ({ viewer, params, event }) =>
		listPolls(viewer, pollVillage({ id: params.id }), {
			onBehalfOfMemberId: event.locals.actingFor?.memberId ?? null
		})
});

export const openPollEndpoint = defineEndpoint({
	method: 'POST',
	path: '/polls',
	summary:
		'Open a poll in the caller’s village (committee): title, 2–20 options, closing time in the future (ISO; without a zone it is village time, UTC+8). The village feed announces it. Send an Idempotency-Key.',
	tag,
	auth: true,
	body: ZOpenPoll,
	response: ZPollView.extend({ created: z.boolean() }),
	status: 201,
	handler: ({ viewer, body }) => openPoll(viewer, body)
});

export const getPollEndpoint = defineEndpoint({
	method: 'GET',
	path: '/polls/{id}',
	summary:
		'One poll (public): options, closing time, results once closed; signed in: the household’s current vote',
	tag,
	auth: false,
	params: ZIdParams,
	response: z.object({ village: ZVillage, poll: ZPollView }),
	handler: ({ viewer, params, event }) =>
		getPoll(viewer, params.id, { onBehalfOfMemberId: event.locals.actingFor?.memberId ?? null })
});

export const votePollEndpoint = defineEndpoint({
	method: 'POST',
	path: '/polls/{id}/vote',
	summary:
		'Cast or change the household’s vote (head, a member the head allows, or 代办); one vote per household, the latest counts; refused with poll_closed after close',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZVote,
	response: ZPollView,
	handler: ({ viewer, params, body, event }) =>
		vote(viewer, params.id, body, {
			onBehalfOfMemberId: event.locals.actingFor?.memberId ?? null
		})
});

export const closePollEndpoint = defineEndpoint({
	method: 'POST',
	path: '/polls/{id}/close',
	summary: 'Close a poll before its closing time (committee): the results become public at once',
	tag,
	auth: true,
	params: ZIdParams,
	response: ZPollView,
	handler: ({ viewer, params }) => closePoll(viewer, params.id)
});
