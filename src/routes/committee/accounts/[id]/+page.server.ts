import { getAccount } from '$lib/server/accounts/get-account';
import { grantRole } from '$lib/server/accounts/grant-role';
import { resetPassword } from '$lib/server/accounts/reset-password';
import { revokeRole } from '$lib/server/accounts/revoke-role';
import { ZResetPassword, ZRoleChange, ZSetActive } from '$lib/server/accounts/schemas';
import { setAccountActive } from '$lib/server/accounts/set-account-active';
import { formAction } from '$lib/server/http/form';
import { zId } from '$lib/server/http/fields';
import { loadOrError } from '$lib/server/http/load';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params, url }) =>
	loadOrError(() => ({
		account: getAccount(locals.viewer, zId.parse(params.id)),
		isSelf: locals.viewer?.userId === Number(params.id),
		created: url.searchParams.has('created')
	}));

const idOf = (params: { id: string }) => zId.parse(params.id);

export const actions: Actions = {
	resetPassword: ({ request, locals, params }) =>
		formAction(request, ZResetPassword, async (input) => {
			const { endedSessions } = await resetPassword(locals.viewer, idOf(params), input);
			return { done: 'password' as const, endedSessions };
		}),
	setActive: ({ request, locals, params }) =>
		formAction(request, ZSetActive, (input) => {
			const { active } = setAccountActive(locals.viewer, idOf(params), input);
			return { done: active ? ('reactivated' as const) : ('deactivated' as const) };
		}),
	grant: ({ request, locals, params }) =>
		formAction(request, ZRoleChange, (input) => {
			const { changed } = grantRole(locals.viewer, idOf(params), input);
			return { done: changed ? ('granted' as const) : ('unchanged' as const) };
		}),
	revoke: ({ request, locals, params }) =>
		formAction(request, ZRoleChange, (input) => {
			const { changed } = revokeRole(locals.viewer, idOf(params), input);
			return { done: changed ? ('revoked' as const) : ('unchanged' as const) };
		})
};
