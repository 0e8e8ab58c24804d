import { z } from 'zod';
import { EVENT_TYPES } from '$lib/server/db/schema/events';
import { zCheckbox, zId, zList, zOptionalInt } from '$lib/server/http/fields';

/**
 * A time: an ISO time with its offset (API), or what <input type="datetime-local"> sends
 * ("2026-05-01T09:00"), read as village time (Asia/Shanghai, UTC+8 all year) whatever the
 * server's zone.
 */
const zWhen = z.preprocess(
	(v) =>
		typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v) ? `${v}+08:00` : v,
	z.coerce.date({ error: 'invalid date' })
);

export const ZCreateEvent = z
	.object({
		type: z.enum(EVENT_TYPES),
		title: z.string().trim().min(1).max(60),
		description: z.string().trim().max(2000).default(''),
		place: z.string().trim().min(1).max(100),
		startsAt: zWhen,
		endsAt: zWhen,
		capacity: zOptionalInt(1, 10000),
		signupRequired: zCheckbox,
		/** A rule of the current rule book that attendance earns; empty: no points. */
		attendanceRuleId: zOptionalInt(1, Number.MAX_SAFE_INTEGER),
		checkInOpensAt: zWhen,
		checkInClosesAt: zWhen,
		/** Set for an event of a volunteer team (a team leader's events always are). */
		teamId: zOptionalInt(1, Number.MAX_SAFE_INTEGER)
	})
	.refine((e) => e.endsAt >= e.startsAt, { path: ['endsAt'], message: 'ends before it starts' })
	.refine((e) => e.checkInClosesAt > e.checkInOpensAt, {
		path: ['checkInClosesAt'],
		message: 'closes before it opens'
	});

export const ZSignup = z.object({ eventId: zId, memberId: zId });

export const ZEventQuery = z.object({
	village: z.string().trim().min(1).max(40),
	/** "YYYY-MM": the month to list; the current one when absent. */
	month: z
		.string()
		.regex(/^\d{4}-(0[1-9]|1[0-2])$/)
		.optional()
});

/** The three ways to check in; all end in checkIn(). */
export const ZCheckIn = z.discriminatedUnion('method', [
	/** The villager scanned the event's rotating QR code; `memberId` defaults to themself. */
	z.object({
		method: z.literal('qr'),
		eventId: zId,
		token: z.string().trim().min(1).max(200),
		memberId: zId.optional()
	}),
	/** Staff scanned a member card (the card's token, or the whole URL printed in its QR code). */
	z.object({ method: z.literal('card'), eventId: zId, card: z.string().trim().min(1).max(300) }),
	/** A leader ticked names on the roster. */
	z.object({ method: z.literal('roster'), eventId: zId, memberIds: zList(zId) })
]);

export const ZEventSettings = z.object({ attendancePoints: z.enum(['slip', 'credit']) });
