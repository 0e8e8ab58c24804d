import * as m from '$lib/paraglide/messages';

/** Client-safe labels of the team types (the enum lives in the server schema). */
const TYPE_LABELS: Record<string, () => string> = {
	党员先锋: m.teams_type_party,
	消防: m.teams_type_fire,
	巡访关爱: m.teams_type_care,
	环境: m.teams_type_environment,
	文艺: m.teams_type_arts,
	其他: m.teams_type_other
};

export const teamTypeLabel = (type: string): string => TYPE_LABELS[type]?.() ?? type;

/** Hours as shown: 2, 1.5, -1. */
export const hoursText = (hours: number): string =>
	Number.isInteger(hours) ? String(hours) : hours.toFixed(1);

/** The choices of the hours pickers: half-hour steps up to 8 hours, as half-hours. */
export const HALF_HOUR_CHOICES = Array.from({ length: 16 }, (_, i) => i + 1);
