import { z } from 'zod';
import { createAccount } from '$lib/server/accounts/create-account';
import { getAccount } from '$lib/server/accounts/get-account';
import { grantRole } from '$lib/server/accounts/grant-role';
import { listAccounts } from '$lib/server/accounts/list-accounts';
import { resetPassword } from '$lib/server/accounts/reset-password';
import { revokeRole } from '$lib/server/accounts/revoke-role';
import {
	ZAccountSearch,
	ZCreateAccount,
	ZGrantedRole,
	ZResetPassword,
	ZSetActive
} from '$lib/server/accounts/schemas';
import { setAccountActive } from '$lib/server/accounts/set-account-active';
import { GRANTED_ROLES } from '$lib/server/db/schema';
import { zId } from '$lib/server/http/fields';
import { ownVillageTarget } from '$lib/server/people/scope';
import { defineEndpoint } from '../endpoint';

const ALL_ROLES = [
	'villager',
	'household_head',
	'group_leader',
	'team_leader',
	'shopkeeper',
	'committee',
	'town_admin'
] as const;

export const ZAccount = z.object({
	id: z.number().int(),
	name: z.string(),
	phone: z.string(),
	memberId: z.number().int().nullable(),
	householdId: z.number().int().nullable(),
	householdNumber: z.string().nullable(),
	active: z.boolean(),
	/** Every role held: granted ones and those that follow from the data. */
	roles: z.array(z.enum(ALL_ROLES)),
	/** Only the granted roles (the ones PUT/DELETE …/roles/{role} change). */
	grantedRoles: z.array(z.enum(GRANTED_ROLES)),
	createdAt: z.date()
});

const ZIdParams = z.object({ id: zId });
const ZRoleParams = z.object({ id: zId, role: ZGrantedRole });

export const accountsList = defineEndpoint({
	method: 'GET',
	path: '/accounts',
	summary: "List the logins of the caller's village (committee); search by name or phone",
	tag: 'accounts',
	auth: true,
	query: ZAccountSearch,
	response: z.object({
		accounts: z.array(ZAccount),
		total: z.number().int(),
		page: z.number().int(),
		pageSize: z.number().int()
	}),
	handler: ({ viewer, query }) => listAccounts(viewer, ownVillageTarget(viewer).villageId, query)
});

export const accountCreate = defineEndpoint({
	method: 'POST',
	path: '/accounts',
	summary:
		"Give a member a login (committee). The phone defaults to the member's; one login per member",
	tag: 'accounts',
	auth: true,
	body: ZCreateAccount,
	response: ZAccount,
	status: 201,
	handler: async ({ viewer, body }) => {
		const { userId } = await createAccount(viewer, body);
		return getAccount(viewer, userId);
	}
});

export const accountGet = defineEndpoint({
	method: 'GET',
	path: '/accounts/{id}',
	summary: "One login of the caller's village, with its roles (committee)",
	tag: 'accounts',
	auth: true,
	params: ZIdParams,
	response: ZAccount,
	handler: ({ viewer, params }) => getAccount(viewer, params.id)
});

export const accountSetActive = defineEndpoint({
	method: 'PATCH',
	path: '/accounts/{id}',
	summary: 'Deactivate (ends every session and token) or reactivate a login; nothing is deleted',
	tag: 'accounts',
	auth: true,
	params: ZIdParams,
	body: ZSetActive,
	response: ZAccount,
	handler: ({ viewer, params, body }) => {
		setAccountActive(viewer, params.id, body);
		return getAccount(viewer, params.id);
	}
});

export const accountResetPassword = defineEndpoint({
	method: 'POST',
	path: '/accounts/{id}/password',
	summary: "Reset a villager's password (committee); ends all of that user's sessions and tokens",
	tag: 'accounts',
	auth: true,
	params: ZIdParams,
	body: ZResetPassword,
	response: z.object({ endedSessions: z.number().int() }),
	handler: ({ viewer, params, body }) => resetPassword(viewer, params.id, body)
});

export const accountGrantRole = defineEndpoint({
	method: 'PUT',
	path: '/accounts/{id}/roles/{role}',
	summary: 'Grant committee, shopkeeper or team_leader (committee); granting twice is a no-op',
	tag: 'accounts',
	auth: true,
	params: ZRoleParams,
	response: ZAccount,
	handler: ({ viewer, params }) => {
		grantRole(viewer, params.id, { role: params.role });
		return getAccount(viewer, params.id);
	}
});

export const accountRevokeRole = defineEndpoint({
	method: 'DELETE',
	path: '/accounts/{id}/roles/{role}',
	summary: 'Revoke a granted role (committee); nobody can revoke their own committee role',
	tag: 'accounts',
	auth: true,
	params: ZRoleParams,
	response: ZAccount,
	handler: ({ viewer, params }) => {
		revokeRole(viewer, params.id, { role: params.role });
		return getAccount(viewer, params.id);
	}
});

export const rolesList = defineEndpoint({
	method: 'GET',
	path: '/roles',
	summary: 'The roles there are, and which of them are granted (the others follow from the data)',
	tag: 'accounts',
	auth: false,
	response: z.object({
		roles: z.array(z.object({ role: z.enum(ALL_ROLES), granted: z.boolean() }))
	}),
	handler: () => ({
		roles: ALL_ROLES.map((role) => ({
			role,
			granted: (GRANTED_ROLES as readonly string[]).includes(role)
		}))
	})
});
