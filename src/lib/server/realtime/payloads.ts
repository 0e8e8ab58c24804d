import { z } from 'zod';
import type { FeedPayloads, FeedType } from '$lib/realtime/events';
import { MASKED_NAME } from '$lib/realtime/mask';
import { GRANTED_ROLES } from '$lib/server/db/schema';

/**
 * Strict schemas of every feed payload, checked before a row is written. `strictObject`
 * refuses unknown keys, so passing a whole member row (phone, ID number, care tags…) by
 * mistake throws instead of publishing it; names in public rooms must already be masked.
 * Typed against the shared FeedPayloads, so the two can't drift apart.
 */
const ZMaskedName = z.string().regex(MASKED_NAME);
const ZShortText = z.string().trim().min(1).max(60);

export const ZFeedPayloads: { [T in FeedType]: z.ZodType<FeedPayloads[T]> } = {
	household_joined: z.strictObject({ number: ZShortText, headName: ZMaskedName.nullable() }),
	household_actor_changed: z.strictObject({ memberName: ZShortText, allowed: z.boolean() }),
	role_granted: z.strictObject({ name: ZShortText, role: z.enum(GRANTED_ROLES) }),
	slip_posted: z.strictObject({
		memberName: ZMaskedName,
		rule: ZShortText,
		points: z.number().int(),
		noticeEndsAt: z.iso.datetime()
	}),
	points_credited: z.strictObject({
		memberName: ZShortText,
		rule: ZShortText,
		points: z.number().int()
	}),
	objection_raised: z.strictObject({
		memberName: ZShortText,
		rule: ZShortText,
		points: z.number().int()
	}),
	objection_resolved: z.strictObject({
		memberName: ZShortText,
		rule: ZShortText,
		upheld: z.boolean()
	}),
	points_expiring: z.strictObject({
		points: z.number().int().positive(),
		cutoff: z.iso.date()
	}),
	points_expired: z.strictObject({ points: z.number().int().positive() }),
	rules_published: z.strictObject({
		version: z.number().int().positive(),
		adoptedBy: z.string().trim().max(60)
	}),
	order_placed: z.strictObject({
		orderId: z.number().int().positive(),
		number: ZShortText,
		points: z.number().int().positive(),
		pieces: z.number().int().positive()
	}),
	order_closed: z.strictObject({
		orderId: z.number().int().positive(),
		outcome: z.enum(['handed_over', 'cancelled'])
	}),
	order_ready: z.strictObject({
		orderId: z.number().int().positive(),
		pickupCode: z.string().regex(/^\d{6}$/),
		points: z.number().int().positive()
	}),
	order_handed_over: z.strictObject({
		orderId: z.number().int().positive(),
		points: z.number().int().positive()
	}),
	order_cancelled: z.strictObject({
		orderId: z.number().int().positive(),
		points: z.number().int().positive()
	})
};
