import { runExpiry } from './run-expiry';

let timer: ReturnType<typeof setInterval> | undefined;

/**
 * Runs the points expiry job every hour (cutoffs are whole village days, so an hour is plenty),
 * unref'd so it never keeps the process alive. Not started under vitest (tests call runExpiry
 * with their clock).
 */
export function startExpiryTimer(): void {
	if (timer || process.env.VITEST) return;
	timer = setInterval(() => {
		try {
			runExpiry(new Date());
		} catch (error) {
			console.error('[jishan] points expiry failed', error);
		}
	}, 3_600_000);
	timer.unref();
}
