import { z } from 'zod';
import { confirmImport } from '$lib/server/import/confirm-import';
import { exportHouseholds } from '$lib/server/import/export-households';
import { previewImport } from '$lib/server/import/preview-import';
import {
	ZExportQuery,
	ZImportId,
	ZImportPreview,
	ZImportResult
} from '$lib/server/import/schemas';
import { uploadedFile } from '$lib/server/import/upload';
import { downloadResponse } from '$lib/server/import/write-sheet';
import { defineEndpoint } from '../endpoint';

/**
 * Mounted with mountUpload (src/lib/server/import/upload.ts), not mount(): the body is
 * multipart/form-data with the spreadsheet in the field `file`.
 */
export const importPreview = defineEndpoint({
	method: 'POST',
	path: '/import/preview',
	summary:
		'Check a households-and-members spreadsheet (.xlsx or .csv) before importing it. Body: multipart/form-data, field `file` (at most 5 MB, 5,000 rows; CSV in UTF-8 or GBK). A bad file is refused with 422 import_invalid and every problem, "第 N 行: …", in error.details.errors[{row, message}]; nothing is written. A good one returns the counts and an id to confirm.',
	tag: 'import',
	auth: true,
	response: ZImportPreview,
	handler: async ({ viewer, event }) => previewImport(viewer, await uploadedFile(event.request))
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
	handler: async ({ viewer, query }) => downloadResponse(await exportHouseholds(viewer, query.format))
});
