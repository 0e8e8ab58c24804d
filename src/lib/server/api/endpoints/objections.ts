import { z } from 'zod';
import { zId } from '$lib/server/http/fields';
import { listObjections } from '$lib/server/slips/list-objections';
import {
	OBJECTION_RESPONSE,
	ZObjectionStatusQuery,
	ZRaiseObjection,
	ZResolveObjection
} from '$lib/server/slips/objection-schemas';
import { raiseObjection } from '$lib/server/slips/raise-objection';
import { resolveObjection } from '$lib/server/slips/resolve-objection';
import { SLIP_STATUSES, OBJECTION_STATUSES } from '$lib/server/db/schema';
import { defineEndpoint } from '../endpoint';

/**
 * Objections (异议) to slips on the 公示 notice board: a villager raises one during the notice
 * period; the committee upholds (the slip is withdrawn) or dismisses it (the slip goes on).
 */

const tag = 'objections';
const ZIdParams = z.object({ id: zId });

const ZObjectionItem = z.object({
	id: z.number().int(),
	status: z.enum(OBJECTION_STATUSES),
	reason: z.string(),
	raisedAt: z.string(),
	raisedByName: z.string(),
	resolution: z.string().nullable(),
	resolvedAt: z.string().nullable(),
	slip: z.object({
		id: z.number().int(),
		status: z.enum(SLIP_STATUSES),
		householdNumber: z.string(),
		memberName: z.string(),
		ruleName: z.string(),
		quantity: z.number().int(),
		points: z.number().int(),
		occurredOn: z.string(),
		noticeEndsAt: z.string().nullable()
	})
});

export const raiseObjectionEndpoint = defineEndpoint({
	method: 'POST',
	path: '/slips/{id}/objections',
	summary:
		'Object to a slip on one’s own village’s notice board while its 公示 period runs, with a reason (one per person per slip; the same reason again returns the first). Send an Idempotency-Key.',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZRaiseObjection,
	response: OBJECTION_RESPONSE,
	status: 201,
	handler: ({ viewer, params, body, event }) =>
		raiseObjection(viewer, params.id, body, {
			onBehalfOfMemberId: event.locals.actingFor?.memberId ?? null
		})
});

export const listObjectionsEndpoint = defineEndpoint({
	method: 'GET',
	path: '/villages/{id}/objections',
	summary:
		'The committee’s objection worklist: standing objections first (oldest on top), then recently resolved ones; ?status=…',
	tag,
	auth: true,
	params: ZIdParams,
	query: ZObjectionStatusQuery,
	response: z.array(ZObjectionItem),
	handler: ({ viewer, params, query }) =>
		listObjections(viewer, params.id, { status: query.status })
});

export const resolveObjectionEndpoint = defineEndpoint({
	method: 'POST',
	path: '/objections/{id}/resolve',
	summary:
		'Uphold (the slip is withdrawn, never credited) or dismiss (the slip goes on; credited at once if its 公示 has ended) an objection, with a reason (committee)',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZResolveObjection,
	response: OBJECTION_RESPONSE,
	handler: ({ viewer, params, body }) => resolveObjection(viewer, params.id, body)
});
