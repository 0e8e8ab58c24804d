import { grantDueStars } from './grant-due-stars';

let timer: ReturnType<typeof setInterval> | undefined;

/**
 * Grants star levels whose 公示 period ended — once at start-up (catching up on downtime), then
 * every minute, unref'd so it never keeps the process alive. Not started under vitest (tests
 * call grantDueStars with their clock).
 */
export function startStarTimer(): void {
	if (timer || process.env.VITEST) return;
	const run = () => {
		try {
			grantDueStars(new Date());
		} catch (error) {
			console.error('[jishan] granting star levels failed', error);
		}
	};
	run();
	timer = setInterval(run, 60_000);
	timer.unref();
}
