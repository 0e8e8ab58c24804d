import { z } from 'zod';
import { OBJECTION_STATUSES } from '$lib/server/db/schema';

/** A villager's objection (异议) to a slip on the notice board: why they think it is wrong. */
export const ZRaiseObjection = z.object({ reason: z.string().trim().min(1).max(500) });

/** The committee's decision on an objection, always with the reason it is recorded with. */
export const ZResolveObjection = z.object({
	decision: z.enum(['uphold', 'dismiss']),
	reason: z.string().trim().min(1).max(500)
});

export const ZObjectionStatusQuery = z.object({
	status: z.enum(OBJECTION_STATUSES).optional()
});

/** An objection row as the API returns it (dates as ISO strings). */
export const OBJECTION_RESPONSE = z.object({
	id: z.number().int(),
	villageId: z.number().int(),
	slipId: z.number().int(),
	raisedBy: z.number().int(),
	onBehalfOfMemberId: z.number().int().nullable(),
	reason: z.string(),
	status: z.enum(OBJECTION_STATUSES),
	resolvedBy: z.number().int().nullable(),
	resolvedAt: z.string().nullable(),
	resolution: z.string().nullable(),
	createdAt: z.string()
});
