import type { Page } from '@playwright/test';

/**
 * "Live, without a reload": mark the page's window, and later check the mark is still there —
 * a reload or a full navigation would have dropped it.
 */
export const markPage = (page: Page) =>
	page.evaluate(() => ((window as { __kept?: 1 }).__kept = 1));
export const stillSamePage = (page: Page) =>
	page.evaluate(() => (window as { __kept?: 1 }).__kept === 1);

const zone = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Asia/Shanghai',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/** A datetime-local value in village time (Asia/Shanghai), `minutes` from now. */
export function villageLocal(minutes: number): string {
	const p = Object.fromEntries(
		zone.formatToParts(new Date(Date.now() + minutes * 60_000)).map((x) => [x.type, x.value])
	);
	return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
