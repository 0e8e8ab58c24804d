/**
 * The honour roll's periods in village time. Villages keep Beijing time (Asia/Shanghai), which
 * has had no daylight saving since 1991, so a period's bounds are fixed +08:00 instants however
 * the server's clock zone is set.
 */

export const HONOUR_PERIODS = ['month', 'year'] as const;
export type HonourPeriod = (typeof HONOUR_PERIODS)[number];

export type PeriodBounds = {
	/** Inclusive. */
	from: Date;
	/** Exclusive: the start of the next month or year. */
	to: Date;
	/** "2026-12" for a month, "2026" for a year. */
	label: string;
};

const yearMonth = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Asia/Shanghai',
	year: 'numeric',
	month: '2-digit'
});

const startOf = (year: number, month: number): Date =>
	new Date(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01T00:00:00+08:00`);

/** The village-time month or year that `now` falls in. */
export function periodBounds(period: HonourPeriod, now: Date): PeriodBounds {
	const parts = Object.fromEntries(yearMonth.formatToParts(now).map((p) => [p.type, p.value]));
	const year = Number(parts.year);
	const month = Number(parts.month);
	if (period === 'year') {
		return { from: startOf(year, 1), to: startOf(year + 1, 1), label: String(year) };
	}
	const next = month === 12 ? startOf(year + 1, 1) : startOf(year, month + 1);
	return { from: startOf(year, month), to: next, label: `${parts.year}-${parts.month}` };
}
