import { describe, expect, it } from 'vitest';
import { ThrottleLimiter } from './rate-limit';

describe('ThrottleLimiter', () => {
	it('allows the free failures, then makes the key wait', () => {
		const limiter = new ThrottleLimiter(3, 1000, 60_000);
		const t = 1_000_000;
		for (let i = 0; i < 3; i++) limiter.recordFailure('138', t);
		expect(limiter.retryAfter('138', t)).toBe(0);
		limiter.recordFailure('138', t);
		expect(limiter.retryAfter('138', t)).toBe(1000);
		expect(limiter.retryAfter('138', t + 1000)).toBe(0);
	});

	it('doubles the wait with each further failure', () => {
		const limiter = new ThrottleLimiter(0, 1000, 60_000);
		const t = 0;
		const waits: number[] = [];
		for (let i = 0; i < 4; i++) {
			limiter.recordFailure('k', t);
			waits.push(limiter.retryAfter('k', t));
		}
		expect(waits).toEqual([1000, 2000, 4000, 8000]);
	});

	it('never makes anyone wait longer than the ceiling, however many failures', () => {
		const limiter = new ThrottleLimiter(0, 1000, 15 * 60_000);
		for (let i = 0; i < 500; i++) limiter.recordFailure('attacked', 0);
		expect(limiter.retryAfter('attacked', 0)).toBe(15 * 60_000);
		// The owner can try again once the ceiling has passed.
		expect(limiter.retryAfter('attacked', 15 * 60_000)).toBe(0);
	});

	it('keeps keys apart and forgets a key on reset', () => {
		const limiter = new ThrottleLimiter(0, 1000, 60_000);
		limiter.recordFailure('a', 0);
		expect(limiter.retryAfter('b', 0)).toBe(0);
		limiter.reset('a');
		expect(limiter.retryAfter('a', 0)).toBe(0);
	});
});
