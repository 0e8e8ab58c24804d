import { z } from 'zod';
import { zOptionalText } from '$lib/server/http/fields';
import * as m from '$lib/paraglide/messages';
import { ZReportSlip } from './schemas';

/**
 * The person helped reports the deed of a helper from another household: the helper is named
 * (full name; 户号 too when the village has several people of that name), not chosen from a
 * list — villagers don't get the village's directory.
 */
export const ZReportHelpedSlip = ZReportSlip.omit({ memberId: true }).extend({
	helperName: z
		.string({ error: () => m.photos_helped_v_name() })
		.trim()
		.min(1, { error: () => m.photos_helped_v_name() })
		.max(40),
	/** 户号 of the helper's household. */
	householdNumber: zOptionalText(30)
});
