import { applyMigrations } from '$lib/server/db/migrate';
import { seedDemoIfEmpty } from '$lib/server/demo/seed-demo';

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
	if (await seedDemoIfEmpty()) {
		console.log('[jishan] seeded demo villages 柳条村, 马家村 (password jishan-demo)');
	}
}
