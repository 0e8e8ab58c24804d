import { fail, redirect } from '@sveltejs/kit';
import { toDomainError } from '$lib/server/http/errors';
import { loadOrError } from '$lib/server/http/load';
import { ownVillage, problemsOf } from '$lib/server/import/access';
import { previewImport } from '$lib/server/import/preview-import';
import { MAX_BYTES, MAX_ROWS } from '$lib/server/import/problems';
import { uploadedFile } from '$lib/server/import/upload';
import { can } from '$lib/server/permissions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) =>
	loadOrError(() => {
		const villageId = ownVillage(locals.viewer, 'people:import');
		return {
			maxRows: MAX_ROWS,
			maxMb: MAX_BYTES / 1024 / 1024,
			canExport: can(locals.viewer, 'people:export', { kind: 'village', villageId })
		};
	});

export const actions: Actions = {
	/** Upload → check → the preview page (or every bad row, here). */
	preview: async ({ request, locals }) => {
		let id: string;
		try {
			id = (await previewImport(locals.viewer, await uploadedFile(request))).id;
		} catch (e) {
			const error = toDomainError(e);
			return fail(error.status, {
				error: { code: error.code, message: error.userMessage() },
				errors: problemsOf(error)
			});
		}
		redirect(303, `/committee/import/${id}`);
	}
};
