import { describe, expect, it } from 'vitest';
import { readSheet } from './read-sheet';
import { toCsv } from './write-sheet';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('CSV formula guard', () => {
	it('puts an apostrophe before cells a spreadsheet would run, not before plain numbers', () => {
		const csv = text(toCsv([['=HYPERLINK("x")', '+1', '@SUM(A1)', '-A1', '-5', '-2.5', '张三']]));
		expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
		expect(csv).toContain(`"'+1","'@SUM(A1)","'-A1",-5,-2.5,张三`);
	});

	it('reads the guarded cells back as they were', async () => {
		const rows = [
			['户号', '姓名'],
			['=1+1', '@张三'],
			["'plain", '-5']
		];
		const result = await readSheet({ name: 'x.csv', bytes: toCsv(rows) });
		expect(result.ok && result.sheet.rows.map((r) => r.cells)).toEqual([
			['=1+1', '@张三'],
			["'plain", '-5']
		]);
	});
});
