import { creditDueSlips } from './credit-due-slips';

let timer: ReturnType<typeof setInterval> | undefined;

/** SLIP_CREDIT_INTERVAL_MS shortens the minute (the browser tests use about a second). */
function intervalMs(): number {
	const ms = Number(process.env.SLIP_CREDIT_INTERVAL_MS);
	return Number.isInteger(ms) && ms >= 100 ? ms : 60_000;
}

/**
 * The one timer that credits slips whose 公示 period has ended: every minute, unref'd so it never
 * keeps the process alive. Not started under vitest (tests call creditDueSlips with their clock).
 */
export function startSlipCreditTimer(): void {
	if (timer || process.env.VITEST) return;
	timer = setInterval(() => {
		try {
			creditDueSlips(new Date());
		} catch (error) {
			console.error('[jishan] crediting slips failed', error);
		}
	}, intervalMs());
	timer.unref();
}
