import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { ExportFormat } from './schemas';

/** A file to download; asciiName is for clients that can't read the Chinese name. */
export type Download = {
	fileName: string;
	asciiName: string;
	contentType: string;
	body: Uint8Array;
};

export const CONTENT_TYPES: Record<ExportFormat, string> = {
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	csv: 'text/csv; charset=utf-8'
};

/**
 * Cells a spreadsheet program would run as a formula (CSV injection): =, +, @, tab, CR, or a
 * minus that doesn't start a plain number. Such cells get a leading apostrophe, which Excel
 * shows as text; readSheet takes it off again, so an export re-imports unchanged.
 */
export const FORMULA_START = /^(?:[=+@\t\r]|-(?!\d+(?:\.\d+)?$))/;

/** CSV with a UTF-8 BOM, so Excel opens the Chinese correctly; CRLF line ends. */
export function toCsv(rows: string[][]): Uint8Array {
	const csv = Papa.unparse(rows, { newline: '\r\n', escapeFormulae: FORMULA_START });
	return new TextEncoder().encode('\ufeff' + csv + '\r\n');
}

export type SheetSpec = {
	name: string;
	rows: string[][];
	/** Column widths in characters. */
	widths?: number[];
	/** The first row is a header: bold, frozen. */
	header?: boolean;
};

/**
 * An .xlsx whose cells are all text (number format "@"), so phone and ID numbers typed into it
 * later stay as typed instead of turning into rounded numbers.
 */
export async function toXlsx(sheets: SheetSpec[]): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = '积善 Jishan';
	for (const spec of sheets) {
		const sheet = workbook.addWorksheet(spec.name, {
			views: spec.header ? [{ state: 'frozen', ySplit: 1 }] : []
		});
		const width = Math.max(0, ...spec.rows.map((r) => r.length));
		sheet.columns = Array.from({ length: width }, (_, i) => ({
			width: spec.widths?.[i] ?? 14,
			style: { numFmt: '@' }
		}));
		for (const row of spec.rows) sheet.addRow(row);
		if (spec.header) sheet.getRow(1).font = { bold: true };
	}
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Content-Disposition for a download with a Chinese name (RFC 6266 with an ASCII fallback). */
export function attachment(fileName: string, asciiName: string): string {
	return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function downloadResponse(file: Download): Response {
	return new Response(file.body as BodyInit, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': attachment(file.fileName, file.asciiName),
			// Private data: never kept by a shared cache or the browser's back/forward cache.
			'cache-control': 'no-store'
		}
	});
}
