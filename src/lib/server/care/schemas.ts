import { z } from 'zod';
import { zCheckbox, zId, zOptionalInt, zOptionalText } from '$lib/server/http/fields';
import { zServiceDate } from '$lib/server/teams/schemas';

const zFinding = zOptionalText(200).transform((v) => v ?? '');

/** One visit: what was found, what the elder needs, whether the committee must follow up. */
export const ZRecordVisit = z
	.object({
		elderMemberId: zId,
		/** Who visited; the viewer themself when absent. Only the committee records for someone else. */
		visitorMemberId: zOptionalInt(1, Number.MAX_SAFE_INTEGER).optional(),
		visitedOn: zServiceDate,
		health: zFinding,
		safety: zFinding,
		living: zFinding,
		needs: zOptionalText(500).transform((v) => v ?? ''),
		followUp: zCheckbox,
		followUpNote: zOptionalText(200),
		/** Hours × 2 (half-hour steps); 0 or absent: no service record. */
		halfHours: zOptionalInt(0, 48).optional(),
		/** From the form's page load or the API's Idempotency-Key: the same key records once. */
		requestKey: zOptionalText(80).optional()
	})
	.refine((v) => !v.followUp || v.followUpNote !== null || v.needs !== '', {
		message: 'say what to follow up',
		path: ['followUpNote']
	});

const zDays = z.coerce.number().int().min(1).max(366);

export const ZCareSettings = z.object({ highDays: zDays, mediumDays: zDays, lowDays: zDays });

export const ZResolveFollowUp = z.object({ note: zOptionalText(200) });
