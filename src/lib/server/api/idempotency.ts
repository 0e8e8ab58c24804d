import type { RequestEvent } from '@sveltejs/kit';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, lt } from 'drizzle-orm';
import { db } from '$lib/server/db';
import {
	idempotentRequest,
	KEY_ACTED,
	KEY_IN_PROGRESS as IN_PROGRESS
} from '$lib/server/db/idempotent-request';
import { idempotencyKeys } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { errorResponse } from './endpoint';

/** A reservation that never got its response (the process died mid-request) may be retaken. */
const STALE_RESERVATION_MS = 60_000;

function scopeOf(event: RequestEvent): string {
	const viewer = event.locals.viewer;
	return viewer ? `user:${viewer.userId}` : `anon:${event.getClientAddress()}`;
}

/**
 * Implements the Idempotency-Key header for mutating requests: the first response for a key is
 * stored; the same key with the same request returns it again without running anything; the
 * same key with a different request is refused with 422. The key is reserved before the
 * handler runs, so two concurrent retries can't both act; the handler's write() marks it acted
 * in the same commit as its change, so a process killed before the answer was stored never runs
 * the request again (the retry is told it was done: `idempotency_acted`).
 */
export async function withIdempotency(
	event: RequestEvent,
	bodyText: string,
	run: () => Promise<Response>
): Promise<Response> {
	const key = event.request.headers.get('idempotency-key');
	if (!key) return run();
	if (key.length > 200) return errorResponse(new DomainError('bad_request'));
	const scope = scopeOf(event);
	const method = event.request.method;
	const path = event.url.pathname;
	const requestHash = encodeHexLowerCase(
		sha256(new TextEncoder().encode(`${method}\n${path}\n${bodyText}`))
	);

	const reserved = db.transaction(
		(tx) => {
			tx.delete(idempotencyKeys)
				.where(
					and(
						eq(idempotencyKeys.scope, scope),
						eq(idempotencyKeys.key, key),
						eq(idempotencyKeys.status, IN_PROGRESS),
						lt(idempotencyKeys.createdAt, new Date(Date.now() - STALE_RESERVATION_MS))
					)
				)
				.run();
			const existing = tx
				.select()
				.from(idempotencyKeys)
				.where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)))
				.get();
			if (existing) return existing;
			tx.insert(idempotencyKeys)
				.values({ scope, key, method, path, requestHash, status: IN_PROGRESS, body: '' })
				.run();
			return null;
		},
		{ behavior: 'immediate' }
	);

	if (reserved) {
		if (reserved.requestHash !== requestHash) {
			return errorResponse(new DomainError('idempotency_mismatch'));
		}
		if (reserved.status === IN_PROGRESS) return errorResponse(new DomainError('conflict'));
		if (reserved.status === KEY_ACTED) {
			return errorResponse(new DomainError('idempotency_acted'));
		}
		return new Response(reserved.body, {
			status: reserved.status,
			headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' }
		});
	}

	let response: Response;
	try {
		response = await idempotentRequest.run({ scope, key }, run);
	} catch (e) {
		// Free the key for a retry — unless the change was made before the error.
		db.delete(idempotencyKeys)
			.where(
				and(
					eq(idempotencyKeys.scope, scope),
					eq(idempotencyKeys.key, key),
					eq(idempotencyKeys.status, IN_PROGRESS)
				)
			)
			.run();
		throw e;
	}
	const body = await response.clone().text();
	db.update(idempotencyKeys)
		.set({ status: response.status, body })
		.where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)))
		.run();
	return response;
}

/**
 * At start-up no request is in flight: reservations a killed process left unacted are freed, so
 * a retry runs at once instead of waiting out STALE_RESERVATION_MS. Acted ones stay.
 */
export function releaseInterruptedReservations(): number {
	return db.delete(idempotencyKeys).where(eq(idempotencyKeys.status, IN_PROGRESS)).run().changes;
}
