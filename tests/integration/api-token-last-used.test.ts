/**
 * A bearer token records when it was last used, to the minute: a burst of API requests (a staff
 * phone checking in a festival crowd) writes it once, not once per request.
 */
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { validateApiToken } from '$lib/server/auth/api-tokens';
import { issueApiToken } from '$lib/server/auth/tokens';
import { db } from '$lib/server/db';
import { apiTokens } from '$lib/server/db/schema';
import { makeUser, makeVillage } from '../factories';

it('lastUsedAt moves at most once a minute', () => {
	const village = makeVillage();
	const user = makeUser({ villageId: village.id, roles: ['committee'] });
	const { id, token } = issueApiToken(user.id, village.id, 'scanner');
	const lastUsed = () =>
		db.select().from(apiTokens).where(eq(apiTokens.id, id)).get()!.lastUsedAt?.getTime() ?? null;
	const t0 = new Date('2026-11-01T08:00:00Z').getTime();

	expect(lastUsed()).toBeNull();
	expect(validateApiToken(token, new Date(t0))?.id).toBe(user.id);
	expect(lastUsed()).toBe(t0);
	validateApiToken(token, new Date(t0 + 59_000));
	expect(lastUsed()).toBe(t0);
	validateApiToken(token, new Date(t0 + 60_000));
	expect(lastUsed()).toBe(t0 + 60_000);
	expect(validateApiToken('jst_not-a-token', new Date(t0 + 120_000))).toBeNull();
	expect(lastUsed()).toBe(t0 + 60_000);
});
