import { z } from 'zod';
import { SLIP_SOURCES, SLIP_STATUSES } from '$lib/server/db/schema';

/** A slip row as the API returns it (dates as ISO strings). */
export const DEPOSIT_SLIP_RESPONSE = z.object({
	id: z.number().int(),
	villageId: z.number().int(),
	householdId: z.number().int(),
	memberId: z.number().int(),
	ruleId: z.number().int(),
	ruleVersionId: z.number().int(),
	quantity: z.number().int(),
	points: z.number().int(),
	note: z.string(),
	occurredOn: z.string(),
	reportedBy: z.number().int(),
	reportedVia: z.enum(SLIP_SOURCES),
	onBehalfOfMemberId: z.number().int().nullable(),
	status: z.enum(SLIP_STATUSES),
	postedAt: z.string().nullable(),
	noticeEndsAt: z.string().nullable(),
	rejectReason: z.string().nullable(),
	/** Photo evidence: GET /photos/{photoKey} (public once posted), or null. */
	photoKey: z.string().nullable()
});

export const ZSlipView = z.object({
	id: z.number().int(),
	householdId: z.number().int(),
	householdNumber: z.string(),
	memberId: z.number().int(),
	memberName: z.string(),
	ruleId: z.number().int(),
	ruleName: z.string(),
	category: z.string(),
	quantity: z.number().int(),
	points: z.number().int(),
	note: z.string(),
	occurredOn: z.string(),
	reportedVia: z.enum(SLIP_SOURCES),
	reportedBy: z.number().int(),
	status: z.enum(SLIP_STATUSES),
	postedAt: z.string().nullable(),
	noticeEndsAt: z.string().nullable(),
	rejectReason: z.string().nullable(),
	/** Photo evidence: GET /photos/{photoKey} (public once posted), or null. */
	photoKey: z.string().nullable()
});

export const ZNoticeBoard = z.object({
	village: z.object({
		id: z.number().int(),
		name: z.string(),
		code: z.string(),
		noticeDays: z.number().int()
	}),
	items: z.array(
		z.object({
			id: z.number().int(),
			householdNumber: z.string(),
			memberName: z.string(),
			category: z.string(),
			ruleName: z.string(),
			quantity: z.number().int(),
			points: z.number().int(),
			occurredOn: z.string(),
			postedAt: z.string(),
			noticeEndsAt: z.string(),
			objected: z.boolean(),
			/** GET /photos/{photoKey}: the photo evidence (location stripped), or null. */
			photoKey: z.string().nullable()
		})
	)
});
