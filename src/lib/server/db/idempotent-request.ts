import { AsyncLocalStorage } from 'node:async_hooks';
import { and, eq } from 'drizzle-orm';
import type { Tx } from './index';
import { idempotencyKeys } from './schema';

/** idempotency_keys.status while the request runs (then the HTTP status of its stored answer). */
export const KEY_IN_PROGRESS = 0;
/**
 * The request's change has committed but its answer is not stored yet. Written in the same
 * transaction as the change, so a process killed between the two leaves this mark behind and a
 * retry is told the request was done — it never runs again.
 */
export const KEY_ACTED = -1;

/** The Idempotency-Key of the API request being handled, while its handler runs. */
export const idempotentRequest = new AsyncLocalStorage<{ scope: string; key: string }>();

/** Called by write() inside every transaction: marks the running request's key as acted. */
export function markKeyActed(tx: Tx): void {
	const request = idempotentRequest.getStore();
	if (!request) return;
	tx.update(idempotencyKeys)
		.set({ status: KEY_ACTED })
		.where(
			and(
				eq(idempotencyKeys.scope, request.scope),
				eq(idempotencyKeys.key, request.key),
				eq(idempotencyKeys.status, KEY_IN_PROGRESS)
			)
		)
		.run();
}
