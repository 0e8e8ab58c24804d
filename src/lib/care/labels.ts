import * as m from '$lib/paraglide/messages';

export type CareStatus = 'overdue' | 'due' | 'ok';

export function tierLabel(tier: 'high' | 'medium' | 'low' | null): string {
	if (tier === 'high') return m.care_tier_high();
	if (tier === 'medium') return m.care_tier_medium();
	if (tier === 'low') return m.care_tier_low();
	return m.care_tier_none();
}

export function statusLabel(status: CareStatus): string {
	return status === 'overdue'
		? m.care_status_overdue()
		: status === 'due'
			? m.care_status_due()
			: m.care_status_ok();
}

/** Red for overdue, amber for due today: the colours the worklist intro explains. */
export const STATUS_CLASS: Record<CareStatus, string> = {
	overdue: 'border-red-300 bg-red-50',
	due: 'border-amber-300 bg-amber-50',
	ok: 'border-gray-200 bg-white'
};

export const STATUS_BADGE: Record<CareStatus, string> = {
	overdue: 'bg-red-600 text-white',
	due: 'bg-amber-500 text-white',
	ok: 'bg-green-100 text-green-900'
};
