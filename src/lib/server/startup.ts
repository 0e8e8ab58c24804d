import { releaseInterruptedReservations } from '$lib/server/api/idempotency';
import { applyMigrations } from '$lib/server/db/migrate';
import { seedDemoIfEmpty } from '$lib/server/demo/seed-demo';
import { startExpiryTimer } from '$lib/server/ledger/expiry-timer';
import { announceAllClosedPolls } from '$lib/server/polls/announce-all-closed-polls';
import { startPollCloseTimer } from '$lib/server/polls/poll-close-timer';
import { runExpiry } from '$lib/server/ledger/run-expiry';
import { creditDueSlips } from '$lib/server/slips/credit-due-slips';
import { startSlipCreditTimer } from '$lib/server/slips/credit-timer';
import { startStarTimer } from '$lib/server/teams/star-timer';

let started: Promise<void> | undefined;

/**
 * Runs once per process before the first request: schema up to date, demo villages in a new
 * database, then background work. The promise is kept so every caller waits for the same run.
 */
export function startup(): Promise<void> {
	started ??= run();
	return started;
}

async function run(): Promise<void> {
	applyMigrations();
	const released = releaseInterruptedReservations();
	if (released > 0)
		console.log(`[jishan] freed ${released} Idempotency-Keys of interrupted requests`);
	if (await seedDemoIfEmpty()) {
		console.log('[jishan] seeded demo villages 柳条村, 马家村 (password jishan-demo)');
	}
	// 公示 periods that ended while the server was down are credited now, then every minute.
	const credited = creditDueSlips(new Date());
	if (credited > 0) console.log(`[jishan] credited ${credited} slips after their notice period`);
	startSlipCreditTimer();
	// Points expiry (warnings and lapses), catching up on downtime, then every hour.
	const expiry = runExpiry(new Date());
	if (expiry.expired > 0) console.log(`[jishan] ${expiry.points} points lapsed (expiry policy)`);
	startExpiryTimer();
	// Star levels (星级志愿者) granted when their notice period ends: now, then every minute.
	startStarTimer();
	// Polls whose closing time passed (also while the server was down) are announced on the feed.
	announceAllClosedPolls(new Date());
	startPollCloseTimer();
}
