import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import * as m from '$lib/paraglide/messages';
import { dummyPasswordHash, verifyPasswordHash } from './password';
import { addressLimiter, phoneLimiter } from './rate-limit';

export const ZPhone = z
	.string()
	.trim()
	.regex(/^1\d{10}$/, { error: () => m.validation_phone() });

export const ZLogIn = z.object({
	phone: ZPhone,
	password: z
		.string()
		.min(1, { error: () => m.validation_password_required() })
		.max(200)
});
export type LogInInput = z.infer<typeof ZLogIn>;

/** Checks a phone + password, throttled per phone and per address. Returns the user id. */
export async function logIn(input: LogInInput, address: string): Promise<number> {
	const wait = Math.max(phoneLimiter.retryAfter(input.phone), addressLimiter.retryAfter(address));
	if (wait > 0) {
		throw new DomainError('rate_limited', {
			message: m.error_rate_limited_seconds({ seconds: Math.ceil(wait / 1000) }),
			details: { retryAfterSeconds: Math.ceil(wait / 1000) }
		});
	}
	const user = db.select().from(users).where(eq(users.phone, input.phone)).get();
	const valid = await verifyPasswordHash(
		user?.passwordHash ?? (await dummyPasswordHash()),
		input.password
	);
	if (!user || !valid || !user.active) {
		phoneLimiter.recordFailure(input.phone);
		addressLimiter.recordFailure(address);
		throw new DomainError('invalid_credentials');
	}
	phoneLimiter.reset(input.phone);
	return user.id;
}
