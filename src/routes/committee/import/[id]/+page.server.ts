import { fail, redirect } from '@sveltejs/kit';
import { toDomainError } from '$lib/server/http/errors';
import { loadOrError } from '$lib/server/http/load';
import { problemsOf } from '$lib/server/import/access';
import { COLUMNS } from '$lib/server/import/columns';
import { confirmImport, getImport } from '$lib/server/import/confirm-import';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) =>
	loadOrError(async () => ({
		status: await getImport(locals.viewer, params.id),
		columns: COLUMNS.map((c) => ({ key: c.key, header: c.header }))
	}));

export const actions: Actions = {
	/** All or nothing; confirming again (a double tap, a resent form) imports nothing more. */
	confirm: async ({ locals, params }) => {
		try {
			await confirmImport(locals.viewer, params.id);
		} catch (e) {
			const error = toDomainError(e);
			return fail(error.status, {
				error: { code: error.code, message: error.userMessage() },
				errors: problemsOf(error)
			});
		}
		redirect(303, `/committee/import/${params.id}`);
	}
};
