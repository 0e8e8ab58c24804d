const parts = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Asia/Shanghai',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/**
 * "2026-04-01 18:00" in village time (Asia/Shanghai), whatever the browser's or server's zone:
 * a closing time must read the same to everyone. Client-safe (used by the feed's sentences too).
 */
export function villageClock(iso: string | Date): string {
	const date = typeof iso === 'string' ? new Date(iso) : iso;
	const p = Object.fromEntries(parts.formatToParts(date).map((x) => [x.type, x.value]));
	return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The value of a `datetime-local` input showing `date` in village time. */
export function villageLocalInput(date: Date): string {
	return villageClock(date).replace(' ', 'T');
}
