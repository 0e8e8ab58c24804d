import { z } from 'zod';
import { TEAM_TYPES } from '$lib/server/db/schema/teams';
import { zId, zList, zOptionalInt, zOptionalText } from '$lib/server/http/fields';

export const zServiceDate = z
	.string()
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/)
	.refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));

const zReason = z.string().trim().min(1).max(200);

/** Half-hour steps: 0.5 h … 24 h in one record. */
export const zHalfHours = z.coerce.number().int().min(1).max(48);

export const ZCreateTeam = z.object({
	name: z.string().trim().min(1).max(40),
	type: z.enum(TEAM_TYPES),
	description: zOptionalText(500).transform((v) => v ?? ''),
	/** The first leader; optional (appoint later). */
	leaderMemberId: zOptionalInt(1, Number.MAX_SAFE_INTEGER).optional()
});

export const ZAppointLeader = z.object({ memberId: zId });

export const ZApply = z.object({ memberId: zId });

export const ZDecideApplication = z.object({
	memberId: zId,
	approve: z
		.union([z.boolean(), z.enum(['true', 'false'])])
		.transform((v) => v === true || v === 'true'),
	reason: zOptionalText(200)
});

export const ZLeave = z.object({ memberId: zId });

/** One record for one member. */
export const ZRecordService = z.object({
	memberId: zId,
	halfHours: zHalfHours,
	content: z.string().trim().min(1).max(60),
	place: zOptionalText(60).transform((v) => v ?? ''),
	serviceDate: zServiceDate
});

/** A whole activity: attendees ticked on the roster, hours each (same for everyone by default). */
export const ZLogActivity = z.object({
	content: z.string().trim().min(1).max(60),
	place: zOptionalText(60).transform((v) => v ?? ''),
	serviceDate: zServiceDate,
	attendees: zList(z.object({ memberId: zId, halfHours: zHalfHours })).refine(
		(a) => a.length >= 1 && a.length <= 200,
		'choose 1–200 attendees'
	),
	/** From the form's page load: the same key logs the activity once. */
	requestKey: zOptionalText(40).optional()
});

/** A correcting record: signed half-hours (not 0), with a reason. */
export const ZCorrectRecord = z.object({
	halfHours: z.coerce
		.number()
		.int()
		.min(-200)
		.max(48)
		.refine((v) => v !== 0, 'not zero'),
	reason: zReason
});

export const ZDisputeRecord = z.object({ reason: zReason });

export const ZResolveDispute = z.object({ note: zReason });

export const ZStarThresholds = z.object({
	thresholds: zList(z.coerce.number().int().min(1).max(100_000)).refine(
		(t) => t.length === 5 && t.every((v, i) => i === 0 || v > (t[i - 1] ?? 0)),
		'five ascending numbers'
	)
});

export const ZIssueCertificate = z.object({ memberId: zId });
