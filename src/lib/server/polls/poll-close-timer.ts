import { announceAllClosedPolls } from './announce-all-closed-polls';

let timer: ReturnType<typeof setInterval> | undefined;

/**
 * Announces polls closed by time on the village feed within a minute of closing, unref'd so it
 * never keeps the process alive. Not started under vitest (tests pass their own clock).
 */
export function startPollCloseTimer(): void {
	if (timer || process.env.VITEST) return;
	timer = setInterval(() => {
		try {
			announceAllClosedPolls(new Date());
		} catch (error) {
			console.error('[jishan] announcing closed polls failed', error);
		}
	}, 60_000);
	timer.unref();
}
