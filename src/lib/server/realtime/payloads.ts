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
	}),
	poll_opened: z.strictObject({
		pollId: z.number().int().positive(),
		title: z.string().trim().min(1).max(60),
		closesAt: z.iso.datetime()
	}),
	poll_closed: z.strictObject({
		pollId: z.number().int().positive(),
		title: z.string().trim().min(1).max(60),
		households: z.number().int().nonnegative()
	}),
	event_published: z.strictObject({
		eventId: z.number().int().positive(),
		title: z.string().trim().min(1).max(60),
		type: z.string().trim().min(1).max(20),
		startsAt: z.iso.datetime()
	}),
	checked_in: z.strictObject({
		eventId: z.number().int().positive(),
		title: z.string().trim().min(1).max(60),
		memberName: ZMaskedName,
		count: z.number().int().positive()
	}),
	event_attendance: z.strictObject({
		eventId: z.number().int().positive(),
		memberName: ZMaskedName,
		count: z.number().int().positive()
	}),
	event_signups_changed: z.strictObject({
		eventId: z.number().int().positive(),
		signedUp: z.number().int().nonnegative(),
		waitlisted: z.number().int().nonnegative()
	}),
	signup_promoted: z.strictObject({
		eventId: z.number().int().positive(),
		title: z.string().trim().min(1).max(60),
		memberName: ZShortText
	}),
	star_level_announced: z.strictObject({
		memberName: ZMaskedName,
		level: z.number().int().min(1).max(5),
		hours: z.number().int().positive(),
		grantsAt: z.iso.datetime()
	})
};
