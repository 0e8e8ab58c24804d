import { CARE_TAGS, type CareTag } from '$lib/server/db/schema';

/**
 * The spreadsheet layout shared by the import, its template and the export: one row per member,
 * the household's columns repeated on each of its members' rows. Headers are Chinese whatever the
 * UI language, because they are the file format (an export can be re-imported as it is).
 */
export const COLUMNS = [
	{ key: 'number', header: '户号', required: true },
	{ key: 'address', header: '地址', required: false },
	{ key: 'villagerGroup', header: '村民小组', required: false },
	{ key: 'tenGroup', header: '十户联组', required: false },
	{ key: 'isHead', header: '是否户主', required: true },
	{ key: 'name', header: '姓名', required: true },
	{ key: 'gender', header: '性别', required: false },
	{ key: 'birthYear', header: '出生年份', required: false },
	{ key: 'relation', header: '与户主关系', required: false },
	{ key: 'phone', header: '手机号', required: false },
	{ key: 'idNumber', header: '身份证号', required: false },
	{ key: 'careTags', header: '关爱类别', required: false },
	{ key: 'riskTier', header: '风险等级', required: false },
	{ key: 'assistance', header: '低保特困', required: false },
	{ key: 'proxyConsent', header: '同意代办', required: false }
] as const;

export type ColumnKey = (typeof COLUMNS)[number]['key'];
export const HEADERS: readonly string[] = COLUMNS.map((c) => c.header);
export const headerOf = (key: ColumnKey): string => COLUMNS.find((c) => c.key === key)!.header;

/** The household's columns: every row of one 户号 must agree on them. */
export const HOUSEHOLD_COLUMNS = ['address', 'villagerGroup', 'tenGroup'] as const;

/** Cells of one data row by column; absent columns read as ''. */
export type RowCells = Record<ColumnKey, string>;

/**
 * A header cell as typed by people: surrounding spaces, a "*" marking a required column and a
 * trailing hint in brackets ("关爱类别（可多个）") are tolerated.
 */
export function normalizeHeader(raw: string): string {
	return raw
		.replace(/\s+/g, '')
		.replace(/^\*+|\*+$/g, '')
		.replace(/[(（][^)）]*[)）]$/, '');
}

const YES = ['是', 'Y', 'y', 'yes', 'Yes', 'YES', '1', '√'];
const NO = ['否', 'N', 'n', 'no', 'No', 'NO', '0', '×'];

/** Each choice column: the Chinese words a cell may hold and the schema value they stand for. */
export const CHOICES = {
	isHead: { words: '是、否', map: (v: string) => yesNo(v) },
	proxyConsent: { words: '是、否', map: (v: string) => yesNo(v) },
	gender: {
		words: '男、女',
		map: (v: string) => ({ '': '', 男: 'male', 女: 'female' })[v] as string | undefined
	},
	riskTier: {
		words: '高、中、低',
		map: (v: string) => ({ '': '', 高: 'high', 中: 'medium', 低: 'low' })[v] as string | undefined
	},
	assistance: {
		words: '无、低保、特困',
		map: (v: string) =>
			({ '': 'none', 无: 'none', 低保: 'dibao', 特困: 'tekun' })[v] as string | undefined
	}
} satisfies Record<string, { words: string; map: (v: string) => string | boolean | undefined }>;

function yesNo(v: string): boolean | undefined {
	if (v === '' || NO.includes(v)) return false;
	if (YES.includes(v)) return true;
	return undefined;
}

/** Care tags are separated by 、 , ， ; ； or spaces. */
export function splitCareTags(cell: string): string[] {
	return cell
		.split(/[、,，;；\s]+/)
		.map((t) => t.trim())
		.filter(Boolean);
}

export const isCareTag = (t: string): t is CareTag => (CARE_TAGS as readonly string[]).includes(t);

/** Schema values back to the words the import reads (for the export and the template). */
export const WORDS = {
	yesNo: (v: boolean) => (v ? '是' : '否'),
	gender: (v: string | null) => (v === 'male' ? '男' : v === 'female' ? '女' : ''),
	riskTier: (v: string | null) =>
		v === 'high' ? '高' : v === 'medium' ? '中' : v === 'low' ? '低' : '',
	assistance: (v: string) => (v === 'dibao' ? '低保' : v === 'tekun' ? '特困' : '无'),
	careTags: (tags: readonly string[]) => tags.join('、')
};
