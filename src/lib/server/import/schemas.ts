import { z } from 'zod';
import { IMPORT_ID_PATTERN } from './pending';

/** The id of a pending import, as given back by the preview. */
export const ZImportId = z.string().regex(IMPORT_ID_PATTERN);

export const ZExportFormat = z.enum(['xlsx', 'csv']);
export type ExportFormat = z.infer<typeof ZExportFormat>;

export const ZExportQuery = z.object({ format: ZExportFormat.default('xlsx') });

export const ZImportProblem = z.object({
	/** Spreadsheet row number as Excel shows it (header = 1); null for the whole file. */
	row: z.number().int().nullable(),
	/** The full sentence, e.g. "第 3 行: 手机号「123」不对，应为 11 位手机号". */
	message: z.string()
});

export const ZImportPreview = z.object({
	ok: z.literal(true),
	/** Confirm with POST /import/{id}/confirm. */
	id: z.string(),
	fileName: z.string(),
	rows: z.number().int(),
	households: z.number().int(),
	members: z.number().int(),
	/** 十户联组 the import will create. */
	newGroups: z.array(z.string()),
	errors: z.array(ZImportProblem),
	/** The first rows as read; cells by column key (number, address, …, name, phone …). */
	sample: z.array(z.object({ row: z.number().int(), cells: z.record(z.string(), z.string()) }))
});
export type ImportPreview = z.infer<typeof ZImportPreview>;

export const ZImportResult = z.object({
	id: z.string(),
	imported: z.literal(true),
	fileName: z.string(),
	households: z.number().int(),
	members: z.number().int(),
	newGroups: z.array(z.string())
});
export type ImportResult = z.infer<typeof ZImportResult>;
