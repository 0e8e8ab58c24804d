import { z } from 'zod';
import { confirmImport } from '$lib/server/import/confirm-import';
import { exportHouseholds } from '$lib/server/import/export-households';
import { previewImport } from '$lib/server/import/preview-import';
import { ZExportQuery, ZImportId, ZImportPreview, ZImportResult } from '$lib/server/import/schemas';
import { uploadedFile } from '$lib/server/import/upload';
import { downloadResponse } from '$lib/server/import/write-sheet';
import { defineEndpoint } from '../endpoint';

/**
 * Mounted with mountUpload (src/lib/server/import/upload.ts), not mount(): the body is the
 * spreadsheet itself, not JSON.
 */
export const importPreview = defineEndpoint({
	method: 'POST',
	path: '/import/preview',
	query: z.object({
		/** The file's name when the body is the raw file (its ending tells .csv from .xlsx). */
		name: z.string().max(200).optional()
	}),
	summary:
		'Check a households-and-members spreadsheet (.xlsx or .csv) before importing it. Body: the file itself with Content-Type text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet (optional ?name=people.csv), or multipart/form-data with the field `file` from a same-origin page. At most 5 MB and 5,000 rows; CSV in UTF-8 (BOM optional) or GBK. A bad file is refused with 422 import_invalid and every problem, "第 N 行: …", in error.details.errors[{row, message}]; nothing is written. A good one returns the counts and an id to confirm.',
	tag: 'import',
	auth: true,
	response: ZImportPreview,
	handler: async ({ viewer, query, event }) =>
		previewImport(viewer, await uploadedFile(event.request, query.name))
});

export const importConfirm = defineEndpoint({
	method: 'POST',
	path: '/import/{id}/confirm',
	summary:
		'Import a previewed file: all of it in one transaction, or nothing (422 import_invalid when the village changed meanwhile). Confirming again returns the same result and imports nothing more.',
	tag: 'import',
	auth: true,
	params: z.object({ id: ZImportId }),
	response: ZImportResult,
	handler: ({ viewer, params }) => confirmImport(viewer, params.id)
});

export const exportHouseholdsEndpoint = defineEndpoint({
	method: 'GET',
	path: '/export/households',
	summary:
		"Every active household of the caller's village with its members (private columns included), in the import's columns: format=xlsx (default) or csv (UTF-8 with BOM).",
	tag: 'import',
	auth: true,
	query: ZExportQuery,
	response: z.unknown(),
	produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	handler: async ({ viewer, query }) =>
		downloadResponse(await exportHouseholds(viewer, query.format))
});
