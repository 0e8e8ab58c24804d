/**
 * A separate process that posts ledger entries into the test database, for
 * ledger-concurrency.test.ts: several of these run at once against the same SQLite file, each
 * with its own connection, the way a second server process would.
 *
 *   DATABASE_URL=<file> node --import tsx tests/integration/ledger-worker.ts \
 *     <villageId> <householdId,householdId,…> <count> <firstSourceId> <startAtMs>
 *
 * Every worker waits until startAtMs (so their postings overlap however long each took to
 * start), then posts with short random pauses between.
 */
import { write } from '$lib/server/db';
import { postEntry } from '$lib/server/ledger/post-entry';

const [villageId, householdList, count, firstSource, startAt] = process.argv.slice(2);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
await sleep(Math.max(0, Number(startAt) - Date.now()));
const householdIds = (householdList ?? '').split(',').map(Number);
let created = 0;
for (let i = 0; i < Number(count); i++) {
	const result = write((tx) =>
		postEntry(tx, {
			villageId: Number(villageId),
			householdId: householdIds[i % householdIds.length] as number,
			kind: 'earn',
			points: 1 + (i % 5),
			source: { type: 'worker', id: Number(firstSource) + i }
		})
	);
	if (result.created) created++;
	await sleep(Math.random() * 4);
}
console.log(JSON.stringify({ created }));
