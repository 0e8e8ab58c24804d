import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createToken, me } from '$lib/server/api/endpoints/auth';
import { releaseInterruptedReservations } from '$lib/server/api/idempotency';
import { db, write } from '$lib/server/db';
import { idempotentRequest, KEY_ACTED, KEY_IN_PROGRESS } from '$lib/server/db/idempotent-request';
import { apiTokens, idempotencyKeys } from '$lib/server/db/schema';
import { makeUser, makeVillage, TEST_PASSWORD, testPasswordHash } from '../factories';
import { callEndpoint } from './api-helpers';

let phone: string;
let userId: number;

beforeAll(async () => {
	const village = makeVillage();
	const user = makeUser({ villageId: village.id, passwordHash: await testPasswordHash() });
	phone = user.phone;
	userId = user.id;
});

const tokenCount = () =>
	db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).all().length;

describe('Idempotency-Key', () => {
	it('replays the first response for the same key and body, acting once', async () => {
		const before = tokenCount();
		const body = { phone, password: TEST_PASSWORD, name: 'phone app' };
		const headers = { 'idempotency-key': 'k-replay-1' };
		const first = await callEndpoint(createToken, { body, headers });
		const second = await callEndpoint(createToken, { body, headers });
		expect(first.status).toBe(201);
		expect(second.status).toBe(201);
		expect(second.body).toEqual(first.body);
		expect(second.headers.get('idempotent-replayed')).toBe('true');
		expect(tokenCount()).toBe(before + 1);
	});

	it('refuses the same key with a different body with 422 and changes nothing', async () => {
		const headers = { 'idempotency-key': 'k-mismatch-1' };
		const first = await callEndpoint(createToken, {
			body: { phone, password: TEST_PASSWORD, name: 'a' },
			headers
		});
		expect(first.status).toBe(201);
		const before = tokenCount();
		const second = await callEndpoint(createToken, {
			body: { phone, password: TEST_PASSWORD, name: 'b' },
			headers
		});
		expect(second.status).toBe(422);
		expect(second.body.error.code).toBe('idempotency_mismatch');
		expect(typeof second.body.error.message).toBe('string');
		expect(tokenCount()).toBe(before);
	});

	it('without a key, each request acts', async () => {
		const before = tokenCount();
		const body = { phone, password: TEST_PASSWORD };
		await callEndpoint(createToken, { body });
		await callEndpoint(createToken, { body });
		expect(tokenCount()).toBe(before + 2);
	});

	it('stores an error response too, so a retried bad request gets the same answer', async () => {
		const headers = { 'idempotency-key': 'k-error-1' };
		const body = { phone, password: 'wrong-password' };
		const first = await callEndpoint(createToken, { body, headers, address: '10.9.9.9' });
		const second = await callEndpoint(createToken, { body, headers, address: '10.9.9.9' });
		expect(first.status).toBe(401);
		expect(second.body).toEqual(first.body);
		expect(second.headers.get('idempotent-replayed')).toBe('true');
	});

	it('keeps keys of different callers apart', async () => {
		const headers = { 'idempotency-key': 'shared-key' };
		const body = { phone, password: TEST_PASSWORD };
		const a = await callEndpoint(createToken, { body, headers, address: '10.0.0.1' });
		const b = await callEndpoint(createToken, { body, headers, address: '10.0.0.2' });
		expect(a.status).toBe(201);
		expect(b.status).toBe(201);
		expect(b.body.token).not.toBe(a.body.token);
	});
});

describe('API errors and auth', () => {
	it('answers malformed JSON with 400 bad_request', async () => {
		const res = await callEndpoint(createToken, { rawBody: '{"phone":' });
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe('bad_request');
	});

	it('answers invalid fields with 400 validation and the field in details', async () => {
		const res = await callEndpoint(createToken, { body: { phone: '123', password: 'x' } });
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe('validation');
		expect(res.body.error.details.fieldErrors).toHaveProperty('phone');
	});

	it('answers a wrong password with 401 and issues nothing', async () => {
		const before = tokenCount();
		const res = await callEndpoint(createToken, {
			body: { phone, password: 'nope-nope' },
			address: '10.1.1.1'
		});
		expect(res.status).toBe(401);
		expect(res.body.error.code).toBe('invalid_credentials');
		expect(tokenCount()).toBe(before);
	});

	it('GET /me needs a signed-in caller', async () => {
		const res = await callEndpoint(me);
		expect(res.status).toBe(401);
		expect(res.body.error.code).toBe('unauthenticated');
	});
});

/**
 * A process killed after a request's change committed but before its answer was stored: the
 * key was marked acted in the change's own transaction, so the retry is told it was done.
 */
describe('Idempotency-Key across a crash', () => {
	const reservation = (scope: string, key: string) =>
		db
			.insert(idempotencyKeys)
			.values({
				scope,
				key,
				method: 'POST',
				path: '/api/v1/x',
				requestHash: 'h',
				status: KEY_IN_PROGRESS,
				body: ''
			})
			.run();
	const statusOf = (scope: string, key: string) =>
		db
			.select()
			.from(idempotencyKeys)
			.where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)))
			.get()?.status;

	it('write() marks the running request’s key acted in the same commit, and only then', () => {
		reservation('user:crash', 'k-acted');
		reservation('user:crash', 'k-failed');
		idempotentRequest.run({ scope: 'user:crash', key: 'k-acted' }, () =>
			write((tx) => tx.insert(apiTokens).values({ userId, name: 'x', tokenHash: 'crash-1' }).run())
		);
		expect(statusOf('user:crash', 'k-acted')).toBe(KEY_ACTED);
		// A transaction that rolls back marks nothing.
		expect(() =>
			idempotentRequest.run({ scope: 'user:crash', key: 'k-failed' }, () =>
				write((tx) => {
					tx.insert(apiTokens).values({ userId, name: 'y', tokenHash: 'crash-2' }).run();
					throw new Error('refused');
				})
			)
		).toThrow('refused');
		expect(statusOf('user:crash', 'k-failed')).toBe(KEY_IN_PROGRESS);
		// At start-up the unacted reservation is freed for a retry; the acted one stays.
		expect(releaseInterruptedReservations()).toBeGreaterThanOrEqual(1);
		expect(statusOf('user:crash', 'k-failed')).toBeUndefined();
		expect(statusOf('user:crash', 'k-acted')).toBe(KEY_ACTED);
	});

	it('a retry of an acted request whose answer was lost is refused, and acts nothing', async () => {
		const body = { phone, password: TEST_PASSWORD, name: 'lost answer' };
		const headers = { 'idempotency-key': 'k-lost-answer' };
		const first = await callEndpoint(createToken, { body, headers });
		expect(first.status).toBe(201);
		// As if the process had died between the commit and storing the answer.
		db.update(idempotencyKeys)
			.set({ status: KEY_ACTED, body: '' })
			.where(eq(idempotencyKeys.key, 'k-lost-answer'))
			.run();
		const before = tokenCount();
		const retry = await callEndpoint(createToken, { body, headers });
		expect(retry.status).toBe(409);
		expect(retry.body.error.code).toBe('idempotency_acted');
		expect(retry.body.error.message).toContain('已经办理过');
		expect(tokenCount()).toBe(before);
	});
});
