/**
 * How the report shows dates and the coverage ratio — shared by the page and the .xlsx, so both
 * say the same. Dates are village days (Asia/Shanghai).
 */
export function reportDate(iso: string): string {
	return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** 1.234 → "123.4%"; null (nothing to cover) → "—". */
export function reportPercent(ratio: number | null): string {
	return ratio === null ? '—' : `${Math.round(ratio * 1000) / 10}%`;
}

/** The last village day a report's figures include: the month's last day, or today. */
export function asOfDate(iso: string): string {
	return reportDate(new Date(Date.parse(iso) - 1).toISOString());
}
