/**
 * Session attacks over HTTP: fixation (login must hand out a new token and end the one the
 * browser came with), a revoked API token used again, and password guessing against one
 * account and from one address. Socket disconnection on revocation is covered by
 * realtime-session.test.ts ("a deactivated account is disconnected, and a revoked API token
 * too"); per-account throttling of logIn itself by login-throttle.test.ts.
 */
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { beforeAll, describe, expect, it } from 'vitest';
import * as authApi from '$lib/server/api/endpoints/auth';
import { mount } from '$lib/server/api/endpoint';
import { authHandle } from '$lib/server/auth/handle';
import {
	createSession,
	generateSessionToken,
	SESSION_COOKIE,
	validateSessionToken
} from '$lib/server/auth/session';
import { issueApiToken, revokeApiToken } from '$lib/server/auth/tokens';
import { loadViewer } from '$lib/server/auth/viewer';
import { actions as loginActions } from '../../src/routes/login/+page.server';
import { makeUser, makeVillage, TEST_PASSWORD, testPasswordHash } from '../factories';
import { callEndpoint } from './api-helpers';

let villageId: number;
let passwordHash: string;

beforeAll(async () => {
	villageId = makeVillage().id;
	passwordHash = await testPasswordHash();
});

/** A cookie jar standing in for SvelteKit's: records what the response would set. */
function jar(initial: Record<string, string> = {}) {
	const values = new Map(Object.entries(initial));
	const cookies = {
		get: (name: string) => values.get(name),
		getAll: () => [...values].map(([name, value]) => ({ name, value })),
		set: (name: string, value: string) => void values.set(name, value),
		delete: (name: string) => void values.delete(name),
		serialize: () => ''
	} as unknown as Cookies;
	return { cookies, values };
}

/** Runs the auth hook (hooks.server.ts) and then GET /api/v1/me, as the server would. */
async function getMe(headers: Record<string, string>, cookieValues: Record<string, string> = {}) {
	const url = new URL('http://localhost/api/v1/me');
	const { cookies } = jar(cookieValues);
	const event = {
		request: new Request(url, { headers }),
		url,
		cookies,
		params: {},
		locals: {},
		route: { id: '/api/v1/me' },
		getClientAddress: () => '127.0.0.1',
		setHeaders: () => {},
		isDataRequest: false,
		isSubRequest: false
	} as unknown as RequestEvent;
	const res = await authHandle({
		event,
		resolve: (e: RequestEvent) => mount(authApi.me)(e as never) as Promise<Response>
	});
	return { status: res.status, body: await res.json() };
}

describe('session fixation', () => {
	it('login issues a fresh token and ends the session the browser came with', async () => {
		expect.hasAssertions();
		const user = makeUser({ villageId, passwordHash });
		// An attacker planted a session cookie of theirs (or a stolen one) before the victim logs in.
		const planted = generateSessionToken();
		const plantedSession = createSession(planted, user.id);
		const { cookies, values } = jar({ [SESSION_COOKIE]: planted });
		const url = new URL('http://localhost/login');
		const form = new FormData();
		form.set('phone', user.phone);
		form.set('password', TEST_PASSWORD);
		const event = {
			request: new Request(url, { method: 'POST', body: form }),
			url,
			cookies,
			locals: { session: plantedSession, viewer: null },
			getClientAddress: () => '10.9.0.1'
		} as unknown as Parameters<NonNullable<typeof loginActions.default>>[0];
		await expect(loginActions.default!(event)).rejects.toMatchObject({ status: 303 });
		const issued = values.get(SESSION_COOKIE);
		expect(issued).toBeDefined();
		expect(issued).not.toBe(planted);
		expect(validateSessionToken(issued!).user?.id).toBe(user.id);
		expect(validateSessionToken(planted).session).toBeNull();
		// …and over HTTP the planted cookie no longer signs anyone in.
		expect((await getMe({}, { [SESSION_COOKIE]: planted })).status).toBe(401);
		expect((await getMe({}, { [SESSION_COOKIE]: issued! })).status).toBe(200);
	});
});

describe('API tokens', () => {
	it('a revoked bearer token is refused over HTTP at once', async () => {
		expect.hasAssertions();
		const user = makeUser({ villageId, passwordHash });
		const { id, token } = issueApiToken(user.id, villageId, 'phone app');
		const before = await getMe({ authorization: `Bearer ${token}` });
		expect([before.status, before.body.id]).toEqual([200, user.id]);
		revokeApiToken(loadViewer(user), id);
		const after = await getMe({ authorization: `Bearer ${token}` });
		expect([after.status, after.body.error.code]).toEqual([401, 'unauthenticated']);
		// A bearer header that fails doesn't fall back to a cookie either.
		const session = generateSessionToken();
		createSession(session, user.id);
		const mixed = await getMe({ authorization: `Bearer ${token}` }, { [SESSION_COOKIE]: session });
		expect(mixed.status).toBe(401);
	});
});

describe('login limiting over the API (POST /auth/token)', () => {
	const login = (phone: string, password: string, address: string) =>
		callEndpoint(authApi.createToken, { body: { phone, password }, address });

	it('holds against one account guessed from many addresses', async () => {
		expect.hasAssertions();
		const { phone } = makeUser({ villageId, passwordHash });
		for (let i = 0; i < 6; i++) {
			expect((await login(phone, `guess-${i}`, `10.20.0.${i}`)).status).toBe(401);
		}
		const right = await login(phone, TEST_PASSWORD, '10.20.1.1');
		expect([right.status, right.body.error.code]).toEqual([429, 'rate_limited']);
		expect(right.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
	});

	it('holds against one address guessing many accounts', async () => {
		expect.hasAssertions();
		const address = '10.30.0.1';
		// 30 free failures for an address (a village office shares one), each on another phone so
		// no single account's limit is reached.
		for (let i = 0; i < 31; i++) {
			const { phone } = makeUser({ villageId, passwordHash });
			expect((await login(phone, 'wrong', address)).status).toBe(401);
		}
		const victim = makeUser({ villageId, passwordHash });
		const blocked = await login(victim.phone, TEST_PASSWORD, address);
		expect([blocked.status, blocked.body.error.code]).toEqual([429, 'rate_limited']);
		// The same account from another address is unaffected.
		expect((await login(victim.phone, TEST_PASSWORD, '10.30.0.2')).status).toBe(201);
	});
});
