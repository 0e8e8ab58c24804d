import { z } from 'zod';
import { SLIP_STATUSES } from '$lib/server/db/schema';
import { zId, zList, zOptionalInt, zOptionalText } from '$lib/server/http/fields';

const zDate = z
	.string()
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/)
	.refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));

/** Report a deed (道德存单): which member, which rule of the current rule book, how many, when. */
export const ZReportSlip = z.object({
	memberId: zId,
	ruleId: zId,
	quantity: zOptionalInt(1, 100)
		.optional()
		.transform((v) => v ?? 1),
	occurredOn: zDate,
	note: zOptionalText(500).transform((v) => v ?? ''),
	/** The form's one-time key: a double tap or a resent form makes one slip, not two. */
	requestKey: zOptionalText(40).optional()
});

export const ZRejectSlip = z.object({ reason: z.string().trim().min(1).max(200) });

export const ZApproveSlips = z.object({
	ids: zList(zId).refine((ids) => ids.length >= 1 && ids.length <= 200, 'choose 1–200 slips')
});

export const ZSlipStatusQuery = z.object({
	status: z.enum(SLIP_STATUSES).optional()
});
