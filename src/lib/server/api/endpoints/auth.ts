import { z } from 'zod';
import { logIn, ZLogIn } from '$lib/server/auth/log-in';
import { issueApiToken, listApiTokens, revokeApiToken, ZTokenName } from '$lib/server/auth/tokens';
import { loadViewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { zId } from '$lib/server/http/fields';
import { eq } from 'drizzle-orm';
import { defineEndpoint } from '../endpoint';

const ZRole = z.enum([
	'villager',
	'household_head',
	'group_leader',
	'team_leader',
	'shopkeeper',
	'committee',
	'town_admin'
]);

export const ZMe = z.object({
	id: z.number().int(),
	name: z.string(),
	phone: z.string(),
	villageId: z.number().int().nullable(),
	memberId: z.number().int().nullable(),
	householdId: z.number().int().nullable(),
	roles: z.array(ZRole)
});

export const createToken = defineEndpoint({
	method: 'POST',
	path: '/auth/token',
	summary: 'Exchange phone + password for a bearer token',
	tag: 'auth',
	auth: false,
	body: ZLogIn.extend({ name: ZTokenName.optional() }),
	response: z.object({ token: z.string(), tokenId: z.number().int(), user: ZMe }),
	status: 201,
	handler: async ({ body, event }) => {
		const userId = await logIn(body, event.getClientAddress());
		const user = db.select().from(users).where(eq(users.id, userId)).get();
		if (!user) throw new DomainError('invalid_credentials');
		const viewer = loadViewer(user);
		const { id, token } = issueApiToken(userId, user.villageId, body.name ?? 'API');
		return { token, tokenId: id, user: meOf(viewer) };
	}
});

function meOf(viewer: ReturnType<typeof loadViewer>): z.infer<typeof ZMe> {
	return {
		id: viewer.userId,
		name: viewer.name,
		phone: viewer.phone,
		villageId: viewer.villageId,
		memberId: viewer.memberId,
		householdId: viewer.householdId,
		roles: viewer.roles
	};
}

export const me = defineEndpoint({
	method: 'GET',
	path: '/me',
	summary: 'The signed-in user and their roles',
	tag: 'auth',
	auth: true,
	response: ZMe,
	handler: ({ viewer }) => meOf(viewer!)
});

export const tokens = defineEndpoint({
	method: 'GET',
	path: '/auth/tokens',
	summary: "List the caller's active API tokens",
	tag: 'auth',
	auth: true,
	response: z.object({
		tokens: z.array(
			z.object({
				id: z.number(),
				name: z.string(),
				createdAt: z.date(),
				lastUsedAt: z.date().nullable()
			})
		)
	}),
	handler: ({ viewer }) => ({ tokens: listApiTokens(viewer!) })
});

export const revokeToken = defineEndpoint({
	method: 'DELETE',
	path: '/auth/tokens/{id}',
	summary: 'Revoke one of your API tokens',
	tag: 'auth',
	auth: true,
	params: z.object({ id: zId }),
	response: z.object({ revoked: z.literal(true) }),
	handler: ({ viewer, params }) => {
		revokeApiToken(viewer!, params.id);
		return { revoked: true as const };
	}
});
