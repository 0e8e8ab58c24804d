import { z } from 'zod';
import { CHECKIN_METHODS, EVENT_ORGANISERS, SIGNUP_STATUSES } from '$lib/server/db/schema/events';

/** An event as anyone may see it (public: nothing private, no names but masked ones). */
export const ZEventSummary = z.object({
	id: z.number(),
	type: z.string(),
	title: z.string(),
	place: z.string(),
	organiser: z.enum(EVENT_ORGANISERS),
	teamId: z.number().nullable(),
	startsAt: z.string().describe('ISO time'),
	endsAt: z.string().describe('ISO time'),
	capacity: z.number().nullable(),
	signupRequired: z.boolean(),
	checkInOpensAt: z.string(),
	checkInClosesAt: z.string(),
	status: z.enum(['active', 'cancelled']),
	signedUp: z.number(),
	waitlisted: z.number(),
	checkedIn: z.number()
});
export type EventSummary = z.infer<typeof ZEventSummary>;

export const ZEventList = z.object({
	village: z.object({ id: z.number(), name: z.string(), code: z.string() }),
	month: z.string().describe('YYYY-MM'),
	events: z.array(ZEventSummary)
});
export type EventList = z.infer<typeof ZEventList>;

export const ZEventDetails = ZEventSummary.extend({
	description: z.string(),
	village: z.object({ id: z.number(), name: z.string(), code: z.string() }),
	/** Points attendance earns under the current rule book, or null. */
	attendance: z.object({ rule: z.string(), points: z.number() }).nullable(),
	/** The latest check-ins, newest first, masked (张*安). */
	recentCheckins: z.array(z.object({ memberName: z.string(), at: z.string() }))
});
export type EventDetails = z.infer<typeof ZEventDetails>;

export const ZRosterRow = z.object({
	memberId: z.number(),
	name: z.string(),
	householdNumber: z.string(),
	status: z.enum(SIGNUP_STATUSES).nullable().describe('null: checked in without signing up'),
	onBehalf: z.boolean(),
	checkedInAt: z.string().nullable(),
	method: z.enum(CHECKIN_METHODS).nullable()
});
export type RosterRow = z.infer<typeof ZRosterRow>;

export const ZCheckinResult = z.object({
	eventId: z.number(),
	count: z.number(),
	outcomes: z.array(
		z.object({
			memberId: z.number(),
			name: z.string(),
			alreadyCheckedIn: z.boolean(),
			points: z
				.union([
					z.object({ via: z.literal('slip'), slipId: z.number() }),
					z.object({ via: z.literal('credit'), entryId: z.number() })
				])
				.nullable()
		})
	)
});

export const ZSignupView = z.object({
	id: z.number(),
	eventId: z.number(),
	memberId: z.number(),
	status: z.enum(SIGNUP_STATUSES),
	onBehalfOfMemberId: z.number().nullable()
});
