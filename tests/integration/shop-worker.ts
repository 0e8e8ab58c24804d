/**
 * A separate process that places points-supermarket orders into the test database, for
 * shop-concurrency.test.ts: several of these run at once against the same SQLite file, each with
 * its own connection, the way a second server process (or a second phone) would.
 *
 *   DATABASE_URL=<file> node --import tsx tests/integration/shop-worker.ts \
 *     <userId,userId,…> <itemId> <count> <startAtMs>
 *
 * Waits until startAtMs, then places `count` one-unit orders of the item, taking the users in
 * turn, with short random pauses between. Prints how many succeeded and the refusal codes.
 */
import { eq } from 'drizzle-orm';
import { loadViewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { placeOrder } from '$lib/server/shop/place-order';

const [userList, itemId, count, startAt] = process.argv.slice(2);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const viewers = (userList ?? '').split(',').map((id) => {
	const user = db
		.select()
		.from(users)
		.where(eq(users.id, Number(id)))
		.get();
	if (!user) throw new Error(`no user ${id}`);
	return loadViewer(user);
});
await sleep(Math.max(0, Number(startAt) - Date.now()));
const refusals: Record<string, number> = {};
const placed: number[] = [];
for (let i = 0; i < Number(count); i++) {
	try {
		const order = placeOrder(viewers[i % viewers.length]!, {
			lines: [{ itemId: Number(itemId), quantity: 1 }]
		});
		placed.push(order.id);
	} catch (e) {
		if (!(e instanceof DomainError)) throw e;
		refusals[e.code] = (refusals[e.code] ?? 0) + 1;
	}
	await sleep(Math.random() * 3);
}
console.log(JSON.stringify({ placed, refusals }));
