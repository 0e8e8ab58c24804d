import * as m from '$lib/paraglide/messages';

/** Where a deposit slip stands, as shown to people (the same words on every page). */
export const SLIP_STATUS_LABELS = {
	reported: m.slips_status_reported,
	checked: m.slips_status_checked,
	posted: m.slips_status_posted,
	credited: m.slips_status_credited,
	rejected: m.slips_status_rejected,
	withdrawn: m.slips_status_withdrawn
} as const;

export type SlipStatusName = keyof typeof SLIP_STATUS_LABELS;
