/**
 * Login throttling kept in memory (one process carries a county). Each key — a phone number or
 * a client address — gets a few free failures, then must wait, the wait doubling with every
 * further failure up to a ceiling. The ceiling is what keeps an attacker from locking a villager
 * out for good: at worst the real owner waits `maxDelayMs` and tries again; a success clears it.
 */
export class ThrottleLimiter {
	private readonly entries = new Map<string, { failures: number; nextAllowedAt: number }>();

	constructor(
		private readonly freeFailures: number,
		private readonly baseDelayMs: number,
		private readonly maxDelayMs: number
	) {}

	/** Milliseconds the key must still wait; 0 when it may try now. */
	retryAfter(key: string, now = Date.now()): number {
		const entry = this.entries.get(key);
		if (!entry) return 0;
		return Math.max(0, entry.nextAllowedAt - now);
	}

	recordFailure(key: string, now = Date.now()): void {
		const entry = this.entries.get(key) ?? { failures: 0, nextAllowedAt: 0 };
		entry.failures += 1;
		const over = entry.failures - this.freeFailures;
		entry.nextAllowedAt =
			over > 0 ? now + Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (over - 1)) : now;
		this.entries.set(key, entry);
		if (this.entries.size > 50_000) this.prune(now);
	}

	reset(key: string): void {
		this.entries.delete(key);
	}

	private prune(now: number): void {
		for (const [key, entry] of this.entries) {
			if (entry.nextAllowedAt + this.maxDelayMs < now) this.entries.delete(key);
		}
	}
}

/** Per phone number: 5 free failures, then 1 s, 2 s, 4 s … capped at 15 minutes. */
export const phoneLimiter = new ThrottleLimiter(5, 1000, 15 * 60 * 1000);
/** Per client address: more headroom (a village office shares one address), same ceiling. */
export const addressLimiter = new ThrottleLimiter(30, 1000, 15 * 60 * 1000);
