import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { logIn } from '$lib/server/auth/log-in';
import { DomainError } from '$lib/server/errors';
import { makeUser, makeVillage, TEST_PASSWORD, testPasswordHash } from '../factories';

let phone: string;

beforeAll(async () => {
	const village = makeVillage();
	phone = makeUser({ villageId: village.id, passwordHash: await testPasswordHash() }).phone;
});

afterEach(() => {
	vi.useRealTimers();
});

async function codeOf(p: Promise<unknown>): Promise<string> {
	try {
		await p;
		return 'ok';
	} catch (e) {
		if (e instanceof DomainError) return e.code;
		throw e;
	}
}

describe('login throttling', () => {
	it('slows an account down after repeated failures, but never locks the owner out for good', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date('2026-03-01T08:00:00Z'));
		for (let i = 0; i < 5; i++) {
			expect(await codeOf(logIn({ phone, password: 'wrong' }, `10.0.0.${i}`))).toBe(
				'invalid_credentials'
			);
		}
		// The sixth failure starts the wait, even from yet another address…
		expect(await codeOf(logIn({ phone, password: 'wrong' }, '10.0.1.1'))).toBe(
			'invalid_credentials'
		);
		// …so the right password must wait too,
		expect(await codeOf(logIn({ phone, password: TEST_PASSWORD }, '10.0.1.2'))).toBe(
			'rate_limited'
		);
		// but only for a while: an hour later the owner gets in, and that clears the count.
		vi.setSystemTime(new Date('2026-03-01T09:00:00Z'));
		expect(await codeOf(logIn({ phone, password: TEST_PASSWORD }, '10.0.1.3'))).toBe('ok');
		expect(await codeOf(logIn({ phone, password: 'wrong' }, '10.0.1.4'))).toBe(
			'invalid_credentials'
		);
	});

	it('tells the user how long to wait', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date('2026-03-02T08:00:00Z'));
		const other = makeUser({ villageId: null, passwordHash: await testPasswordHash() }).phone;
		for (let i = 0; i < 6; i++) await codeOf(logIn({ phone: other, password: 'x' }, '10.2.0.1'));
		try {
			await logIn({ phone: other, password: TEST_PASSWORD }, '10.2.0.2');
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(DomainError);
			expect((e as DomainError).details).toEqual({ retryAfterSeconds: 1 });
			expect((e as DomainError).userMessage()).toContain('1');
		}
	});

	it('unknown phones fail like wrong passwords', async () => {
		expect(await codeOf(logIn({ phone: '19999999999', password: 'x' }, '10.3.0.1'))).toBe(
			'invalid_credentials'
		);
	});
});
