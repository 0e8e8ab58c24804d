/** Village time: China has one zone, UTC+8, without daylight saving. */
const OFFSET = 8 * 3_600_000;

/** The calendar month (Asia/Shanghai) containing `now`: its first instant and the next month's. */
export function shanghaiMonth(now: Date): { start: Date; end: Date; label: string } {
	const local = new Date(now.getTime() + OFFSET);
	const y = local.getUTCFullYear();
	const mo = local.getUTCMonth();
	return {
		start: new Date(Date.UTC(y, mo, 1) - OFFSET),
		end: new Date(Date.UTC(y, mo + 1, 1) - OFFSET),
		label: `${y}-${String(mo + 1).padStart(2, '0')}`
	};
}
