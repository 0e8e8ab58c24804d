import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import * as m from '$lib/paraglide/messages';
import { MAX_BYTES, MAX_ROWS, type ImportProblem } from './problems';
import { FORMULA_START } from './write-sheet';

/** An uploaded spreadsheet: its name (for the type) and its bytes. */
export type UploadedFile = { name: string; bytes: Uint8Array };

export type SheetRow = {
	/** The row number as the spreadsheet program shows it (the header is row 1). */
	row: number;
	cells: string[];
	/** Columns whose cell was a number too large to be exact (an ID number typed into Excel). */
	inexact: number[];
};

export type Sheet = { header: SheetRow; rows: SheetRow[] };

export type SheetResult = { ok: true; sheet: Sheet } | { ok: false; errors: ImportProblem[] };

const fileError = (message: string): SheetResult => ({
	ok: false,
	errors: [{ row: null, message }]
});

export type FileFormat = 'xlsx' | 'csv';

/** .xlsx by name or by its zip signature; .csv (or .txt) by name. */
export function formatOf(file: UploadedFile): FileFormat | null {
	const name = file.name.toLowerCase();
	const b = file.bytes;
	const zip = b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
	if (name.endsWith('.xlsx') || (zip && !name.endsWith('.csv'))) return 'xlsx';
	if (name.endsWith('.csv') || name.endsWith('.txt')) return 'csv';
	return null;
}

/**
 * Reads the first worksheet of an .xlsx, or a .csv in UTF-8 (with or without BOM), UTF-16 (as
 * Excel's "Unicode text") or GBK/GB18030 (as Chinese Excel saves it). Empty rows are skipped
 * but keep their place in the numbering.
 */
export async function readSheet(file: UploadedFile): Promise<SheetResult> {
	if (file.bytes.length === 0) return fileError(m.import_err_empty());
	if (file.bytes.length > MAX_BYTES) {
		return fileError(m.import_err_too_large({ max: MAX_BYTES / 1024 / 1024 }));
	}
	const format = formatOf(file);
	if (!format) return fileError(m.import_err_file_type());
	let rows: SheetRow[];
	if (format === 'xlsx') {
		const read = await readXlsx(file.bytes);
		if (!read) return fileError(m.import_err_unreadable());
		if (read === 'too_many') return tooMany(null);
		rows = read;
	} else {
		const read = readCsv(file.bytes);
		if ('errors' in read) return { ok: false, errors: read.errors };
		rows = read.rows;
	}
	rows = rows.filter((r) => r.cells.some((c) => c !== ''));
	const [header, ...data] = rows;
	if (!header || data.length === 0) return fileError(m.import_err_empty());
	if (data.length > MAX_ROWS) return tooMany(data.length);
	return { ok: true, sheet: { header, rows: data } };
}

const tooMany = (count: number | null): SheetResult =>
	fileError(
		count === null
			? m.import_err_too_many_rows_unknown({ max: MAX_ROWS })
			: m.import_err_too_many_rows({ max: MAX_ROWS, count })
	);

/** The bytes as text: UTF-8 if they are valid UTF-8, UTF-16 with its BOM, else GB18030 (⊃ GBK). */
export function decodeText(bytes: Uint8Array): string {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
	try {
		// fatal: throws on the first byte sequence that isn't UTF-8; the BOM is dropped.
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return new TextDecoder('gb18030').decode(bytes);
	}
}

function readCsv(bytes: Uint8Array): { rows: SheetRow[] } | { errors: ImportProblem[] } {
	const text = decodeText(bytes);
	const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
	const quoteErrors = parsed.errors.filter((e) => e.type === 'Quotes' && e.row !== undefined);
	if (quoteErrors.length > 0) {
		return {
			errors: quoteErrors.map((e) => ({
				row: e.row! + 1,
				message: m.import_row_error({ row: e.row! + 1, problem: m.import_err_csv_quotes() })
			}))
		};
	}
	if (parsed.data.length > MAX_ROWS + 1 + 1000) {
		return {
			errors: [{ row: null, message: m.import_err_too_many_rows_unknown({ max: MAX_ROWS }) }]
		};
	}
	return {
		rows: parsed.data.map((cells, i) => ({
			row: i + 1,
			cells: cells.map((c) => clean(unescapeFormula(c))),
			inexact: []
		}))
	};
}

/** Undoes toCsv's formula guard: "'=…" back to "=…" (an apostrophe before anything else stays). */
function unescapeFormula(cell: string): string {
	return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

function clean(text: string): string {
	// Full-width and non-breaking spaces count as spaces; the BOM of a pasted cell is dropped.
	return text.replace(/[\u3000\u00a0\ufeff]/g, ' ').trim();
}

async function readXlsx(bytes: Uint8Array): Promise<SheetRow[] | 'too_many' | null> {
	const workbook = new ExcelJS.Workbook();
	try {
		await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
	} catch {
		return null;
	}
	const sheet = workbook.worksheets[0];
	if (!sheet) return [];
	// Counting first keeps a huge sheet from being turned into strings cell by cell.
	if (sheet.actualRowCount > MAX_ROWS + 1 + 1000) return 'too_many';
	const rows: SheetRow[] = [];
	sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
		const cells: string[] = [];
		const inexact: number[] = [];
		for (let col = 1; col <= row.cellCount; col++) {
			const value = row.getCell(col).value;
			cells.push(clean(cellText(value)));
			if (typeof value === 'number' && !Number.isSafeInteger(value) && Math.abs(value) > 1e15) {
				inexact.push(col - 1);
			}
		}
		rows.push({ row: rowNumber, cells, inexact });
	});
	return rows;
}

/** What a cell shows, as text: numbers without exponent or trailing ".0", formulas' results. */
export function cellText(value: ExcelJS.CellValue): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number') {
		return Number.isInteger(value)
			? value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 0 })
			: String(value);
	}
	if (typeof value === 'boolean') return value ? '是' : '否';
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if ('richText' in value) return value.richText.map((t) => t.text).join('');
	if ('hyperlink' in value) return String(value.text ?? '');
	if ('formula' in value || 'sharedFormula' in value) {
		const result = value.result;
		if (result === undefined) return '';
		if (typeof result === 'object' && !(result instanceof Date)) return result.error;
		return cellText(result);
	}
	if ('error' in value) return value.error;
	return '';
}
