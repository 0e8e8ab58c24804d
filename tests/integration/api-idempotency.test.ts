import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createToken, me } from '$lib/server/api/endpoints/auth';
import { db } from '$lib/server/db';
import { apiTokens } from '$lib/server/db/schema';
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
