import * as m from '$lib/paraglide/messages';

/** At most this many data rows in one file. */
export const MAX_ROWS = 5000;
/** At most this many bytes in one file (5 MB). */
export const MAX_BYTES = 5 * 1024 * 1024;

/**
 * One thing wrong with an uploaded file. `row` is the spreadsheet row number as Excel shows it
 * (the header is row 1), or null for the file as a whole; `message` is the full sentence to show,
 * "第 N 行: …" included.
 */
export type ImportProblem = { row: number | null; message: string };

export const rowProblem = (row: number, problem: string): ImportProblem => ({
	row,
	message: m.import_row_error({ row, problem })
});

/** Problems in row order (file-level ones first), each row's in the order they were found. */
export function sortProblems(problems: ImportProblem[]): ImportProblem[] {
	return problems
		.map((p, i) => ({ p, i }))
		.sort((a, b) => (a.p.row ?? 0) - (b.p.row ?? 0) || a.i - b.i)
		.map(({ p }) => p);
}
