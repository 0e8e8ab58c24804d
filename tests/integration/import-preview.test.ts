import { count } from 'drizzle-orm';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadViewer, type Viewer } from '$lib/server/auth/viewer';
import { databasePath, db } from '$lib/server/db';
import { auditLog, households, members, tenGroups, type Village } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { problemsOf } from '$lib/server/import/access';
import { previewImport } from '$lib/server/import/preview-import';
import type { ImportProblem } from '$lib/server/import/problems';
import { makeFamily, makeTenGroup, makeUser, makeVillage } from '../factories';
import { csvFile, gbkCsvFile, HEADER, row, xlsxFile, type File } from '../fixtures/import/files';

let village: Village;
let committee: Viewer;

beforeAll(() => {
	village = makeVillage({ name: '柳条村' });
	committee = loadViewer(makeUser({ villageId: village.id, roles: ['committee'] }));
	// What the files collide with: an existing household LT-001 whose head has a phone and an ID.
	makeFamily(
		{ villageId: village.id },
		{ name: '王老汉', phone: '13900000001', idNumber: '11010119500101123X' }
	);
	db.update(households).set({ number: 'LT-001' }).run();
	makeTenGroup({ villageId: village.id, name: '第1联组' });
	makeTenGroup({ villageId: village.id, name: '旧联组', active: false });
});

const pendingDir = () => join(dirname(databasePath()), 'imports');
const pendingCount = () => (existsSync(pendingDir()) ? readdirSync(pendingDir()).length : 0);

/** Row counts of everything an import could write, and the pending uploads. */
const counts = () => ({
	households: db.select({ n: count() }).from(households).get()!.n,
	members: db.select({ n: count() }).from(members).get()!.n,
	groups: db.select({ n: count() }).from(tenGroups).get()!.n,
	audit: db.select({ n: count() }).from(auditLog).get()!.n,
	pending: pendingCount()
});

/** Previews a file that must be refused; returns the problems and checks nothing was written. */
async function refused(file: File | Promise<File>): Promise<ImportProblem[]> {
	const before = counts();
	let caught: unknown;
	try {
		await previewImport(committee, await file);
	} catch (e) {
		caught = e;
	}
	expect(caught).toBeInstanceOf(DomainError);
	const error = caught as DomainError;
	expect(error.code).toBe('import_invalid');
	expect(error.status).toBe(422);
	expect(counts()).toEqual(before);
	return problemsOf(error);
}

const messages = (problems: ImportProblem[]) => problems.map((p) => p.message);

/** A household of two: head 张三 (with phone) and spouse 李四. */
const goodRows = () => [
	row({
		户号: 'N-001',
		地址: '新村路 1 号',
		村民小组: '一组',
		十户联组: '第1联组',
		是否户主: '是',
		姓名: '张三',
		性别: '男',
		出生年份: '1950',
		手机号: '13912340001',
		关爱类别: '空巢、高龄',
		风险等级: '中',
		低保特困: '低保',
		同意代办: '是'
	}),
	row({
		户号: 'N-001',
		地址: '新村路 1 号',
		村民小组: '一组',
		十户联组: '第1联组',
		是否户主: '否',
		姓名: '李四',
		性别: '女',
		出生年份: '1952',
		与户主关系: '配偶'
	}),
	row({
		户号: 'N-002',
		地址: '新村路 2 号',
		十户联组: '第9联组',
		是否户主: '是',
		姓名: '赵五',
		身份证号: '110101198001011234'
	})
];

describe('previewImport: good files', () => {
	it('accepts a UTF-8 CSV and counts households, members and new groups without writing', async () => {
		const before = counts();
		const preview = await previewImport(committee, csvFile(goodRows()));
		expect(preview).toMatchObject({
			ok: true,
			fileName: 'people.csv',
			rows: 3,
			households: 2,
			members: 3,
			newGroups: ['第9联组'],
			errors: []
		});
		expect(preview.id).toMatch(/^[a-z2-7]{24}$/);
		expect(preview.sample.map((s) => s.row)).toEqual([2, 3, 4]);
		expect(preview.sample[0]!.cells).toMatchObject({
			number: 'N-001',
			name: '张三',
			phone: '13912340001'
		});
		// Only the pending upload is kept; no people.
		expect(counts()).toEqual({ ...before, pending: before.pending + 1 });
	});

	it('accepts a CSV with a UTF-8 BOM', async () => {
		const preview = await previewImport(committee, csvFile(goodRows(), { bom: true }));
		expect(preview.members).toBe(3);
		expect(preview.sample[0]!.cells.number).toBe('N-001');
	});

	it('accepts a GBK-encoded CSV as Chinese Excel saves it', async () => {
		const file = gbkCsvFile(goodRows());
		// Really GBK: not valid UTF-8.
		expect(() => new TextDecoder('utf-8', { fatal: true }).decode(file.bytes)).toThrow();
		const preview = await previewImport(committee, file);
		expect(preview).toMatchObject({ rows: 3, households: 2, newGroups: ['第9联组'] });
		expect(preview.sample[1]!.cells).toMatchObject({
			name: '李四',
			relation: '配偶',
			gender: '女'
		});
	});

	it('accepts an .xlsx, numbers typed as numbers included', async () => {
		const file = await xlsxFile([
			[
				'X-1',
				'东街 3 号',
				'二组',
				'',
				'是',
				'钱六',
				'男',
				1948,
				'户主',
				13912340009,
				'',
				'独居',
				'高',
				'特困',
				'是'
			],
			['X-1', '东街 3 号', '二组', '', '否', '孙七', '女', 1950, '配偶', null, '', '', '', '', '']
		]);
		const preview = await previewImport(committee, file);
		expect(preview).toMatchObject({ rows: 2, households: 1, members: 2, newGroups: [] });
		expect(preview.sample[0]!.cells).toMatchObject({ birthYear: '1948', phone: '13912340009' });
	});

	it('skips empty rows but numbers the rest as the spreadsheet does', async () => {
		const problems = await refused(
			csvFile([
				row({ 户号: 'E-1', 是否户主: '是', 姓名: '甲' }),
				HEADER.map(() => ''),
				row({ 户号: 'E-1', 是否户主: '否', 姓名: '' })
			])
		);
		// Header = row 1, 甲 = row 2, the empty line = row 3.
		expect(messages(problems)).toEqual(['第 4 行: 姓名不能为空']);
	});
});

describe('previewImport: every kind of bad row, "第 N 行", nothing written', () => {
	const head = (cells: Parameters<typeof row>[0]) =>
		row({ 户号: 'B-001', 是否户主: '是', 姓名: '周八', ...cells });

	it('missing 户号', async () => {
		const problems = await refused(
			csvFile([head({}), head({ 户号: '', 是否户主: '否', 姓名: '吴九' })])
		);
		expect(problems).toEqual([{ row: 3, message: '第 3 行: 户号不能为空' }]);
	});

	it('missing name', async () => {
		expect(messages(await refused(csvFile([head({ 姓名: '' })])))).toEqual([
			'第 2 行: 姓名不能为空'
		]);
	});

	it('bad phone', async () => {
		expect(messages(await refused(csvFile([head({ 手机号: '1380000' })])))).toEqual([
			'第 2 行: 手机号「1380000」不对，应为 11 位手机号'
		]);
	});

	it('bad birth year', async () => {
		const year = new Date().getFullYear();
		expect(
			messages(
				await refused(
					csvFile([head({ 出生年份: '1850' }), head({ 户号: 'B-2', 出生年份: '五十' })])
				)
			)
		).toEqual([
			`第 2 行: 出生年份「1850」不对，应为 1900 到 ${year} 之间的年份`,
			`第 3 行: 出生年份「五十」不对，应为 1900 到 ${year} 之间的年份`
		]);
	});

	it('unknown care tag', async () => {
		expect(messages(await refused(csvFile([head({ 关爱类别: '空巢，孤寡' })])))).toEqual([
			'第 2 行: 关爱类别「孤寡」不对，只能填：失独、留守、独居、空巢、失能、特困、重残、高龄'
		]);
	});

	it('bad choice values (是否户主, 性别, 风险等级, 低保特困, 同意代办)', async () => {
		expect(
			messages(
				await refused(
					csvFile([
						head({ 性别: '未知', 风险等级: '很高', 低保特困: '五保', 同意代办: '也许' }),
						head({ 户号: 'B-2', 是否户主: '对' })
					])
				)
			)
		).toEqual([
			'第 2 行: 同意代办「也许」不对，只能填：是、否',
			'第 2 行: 性别「未知」不对，只能填：男、女',
			'第 2 行: 风险等级「很高」不对，只能填：高、中、低',
			'第 2 行: 低保特困「五保」不对，只能填：无、低保、特困',
			'第 3 行: 是否户主「对」不对，只能填：是、否'
		]);
	});

	it('bad ID number, and an ID number Excel turned into a rounded number', async () => {
		const file = await xlsxFile([
			['B-1', '', '', '', '是', '周八', '', '', '', '', '12345', '', '', '', ''],
			[
				'B-2',
				'',
				'',
				'',
				'是',
				'吴九',
				'',
				'',
				'',
				'',
				Number('110101198001011234'),
				'',
				'',
				'',
				''
			]
		]);
		expect(messages(await refused(file))).toEqual([
			'第 2 行: 身份证号「12345」不对，应为 18 位（最后一位可以是 X）',
			'第 3 行: 身份证号被 Excel 存成了数字，后几位已经丢失；请把这一列设为“文本”后重新填写'
		]);
	});

	it('too long', async () => {
		expect(messages(await refused(csvFile([head({ 户号: 'H'.repeat(31) })])))).toEqual([
			'第 2 行: 户号太长，最多 30 个字'
		]);
	});

	it('duplicate phone within the file', async () => {
		const problems = await refused(
			csvFile([
				head({ 手机号: '13912340001' }),
				head({ 是否户主: '否', 姓名: '吴九', 手机号: '13912340001' })
			])
		);
		expect(messages(problems)).toEqual(['第 3 行: 手机号 13912340001 与第 2 行重复']);
	});

	it('duplicate phone with an active member of the village', async () => {
		expect(messages(await refused(csvFile([head({ 手机号: '13900000001' })])))).toEqual([
			'第 2 行: 手机号 13900000001 已被本村村民使用'
		]);
	});

	it('duplicate ID number within the file and with the village', async () => {
		const problems = await refused(
			csvFile([
				head({ 身份证号: '110101198001011234' }),
				head({ 是否户主: '否', 姓名: '吴九', 身份证号: '110101198001011234' }),
				head({ 户号: 'B-2', 姓名: '郑十', 身份证号: '11010119500101123x' })
			])
		);
		expect(messages(problems)).toEqual([
			'第 3 行: 身份证号与第 2 行重复',
			'第 4 行: 这个身份证号已登记在本村村民名下'
		]);
	});

	it('two heads in a household', async () => {
		expect(messages(await refused(csvFile([head({}), head({ 姓名: '吴九' })])))).toEqual([
			'第 3 行: 户号 B-001 已有户主（第 2 行），一户只能有一位户主'
		]);
	});

	it('no head in a new household', async () => {
		expect(
			messages(
				await refused(csvFile([head({ 是否户主: '否' }), head({ 是否户主: '', 姓名: '吴九' })]))
			)
		).toEqual(['第 2 行: 户号 B-001 没有户主，请在其中一位成员的“是否户主”填“是”']);
	});

	it('rows of one 户号 that disagree on the household columns', async () => {
		expect(
			messages(
				await refused(
					csvFile([
						head({ 地址: '东街 1 号', 十户联组: '第1联组' }),
						head({ 是否户主: '否', 姓名: '吴九', 地址: '西街 2 号', 十户联组: '第2联组' })
					])
				)
			)
		).toEqual([
			'第 3 行: 户号 B-001 的地址与第 2 行不一致',
			'第 3 行: 户号 B-001 的十户联组与第 2 行不一致'
		]);
	});

	it('a 户号 that already exists in the village', async () => {
		expect(
			messages(await refused(csvFile([head({}), head({ 户号: 'LT-001', 姓名: '吴九' })])))
		).toEqual(['第 3 行: 户号 LT-001 已存在']);
	});

	it('a deactivated ten-household group', async () => {
		expect(messages(await refused(csvFile([head({ 十户联组: '旧联组' })])))).toEqual([
			'第 2 行: 十户联组「旧联组」已停用，请先启用或改填其他联组'
		]);
	});

	it('relation 户主 on a member who is not the head', async () => {
		expect(
			messages(
				await refused(
					csvFile([head({}), head({ 是否户主: '否', 姓名: '吴九', 与户主关系: '户主' })])
				)
			)
		).toEqual(['第 3 行: 与户主关系填了“户主”，但是否户主填的是“否”']);
	});

	it('lists every bad row, in row order', async () => {
		const problems = await refused(
			csvFile([
				head({ 手机号: '123' }),
				head({ 户号: 'B-2', 姓名: '' }),
				head({ 户号: 'B-3', 姓名: '郑十' }),
				head({ 户号: '', 姓名: '王十一' })
			])
		);
		expect(problems.map((p) => p.row)).toEqual([2, 3, 5]);
	});

	it('a missing column in the header', async () => {
		const header = HEADER.filter((h) => h !== '姓名');
		const file = csvFile([header.map(() => 'x')], { header });
		expect(await refused(file)).toEqual([{ row: 1, message: '第 1 行: 缺少“姓名”列' }]);
	});

	it('an unknown or repeated column in the header', async () => {
		const header = [...HEADER, '备注', '姓名'];
		const problems = await refused(csvFile([header.map(() => 'x')], { header }));
		expect(messages(problems)).toEqual([
			`第 1 行: 不认识的列“备注”，能用的列有：${HEADER.join('、')}`,
			'第 1 行: “姓名”列出现了两次'
		]);
	});

	it('tolerates required marks and hints in the header', async () => {
		const header = HEADER.map((h) =>
			h === '户号' ? '*户号' : h === '关爱类别' ? '关爱类别（可多个）' : h
		);
		const preview = await previewImport(
			committee,
			csvFile([head({ 关爱类别: '独居' })], { header })
		);
		expect(preview.members).toBe(1);
	});

	it('an empty file, and a file with only the header', async () => {
		expect(await refused({ name: 'empty.csv', bytes: new Uint8Array() })).toEqual([
			{ row: null, message: '文件里没有数据行。' }
		]);
		expect(messages(await refused(csvFile([])))).toEqual(['文件里没有数据行。']);
		expect(messages(await refused(xlsxFile([])))).toEqual(['文件里没有数据行。']);
	});

	it('more than 5,000 rows', async () => {
		const rows = Array.from({ length: 5001 }, (_, i) =>
			row({ 户号: `M-${i}`, 是否户主: '是', 姓名: `村民${i}` })
		);
		expect(await refused(csvFile(rows))).toEqual([
			{ row: null, message: '一次最多导入 5000 行，这个文件有 5001 行，请分成几个文件。' }
		]);
	});

	it('a file that is too large, of another type, or not a spreadsheet at all', async () => {
		const big = new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41);
		expect(messages(await refused({ name: 'big.csv', bytes: big }))).toEqual([
			'文件太大，最多 5 MB。'
		]);
		expect(messages(await refused({ name: 'old.xls', bytes: new Uint8Array([1, 2, 3]) }))).toEqual([
			'只能上传 .xlsx 或 .csv 文件（旧的 .xls 文件请在 Excel 里另存为 .xlsx）。'
		]);
		expect(
			messages(await refused({ name: 'fake.xlsx', bytes: new TextEncoder().encode('hello') }))
		).toEqual(['读不出这个文件，请确认它是 .xlsx 或 .csv 文件。']);
	});
});

describe('previewImport: who may', () => {
	it('refuses anyone but the committee, and the town admin', async () => {
		const file = csvFile(goodRows());
		const { household } = makeFamily({ villageId: village.id });
		const shopkeeper = loadViewer(makeUser({ villageId: village.id, roles: ['shopkeeper'] }));
		const villager = loadViewer(
			makeUser({ villageId: village.id, memberId: household.headMemberId })
		);
		const townAdmin = loadViewer(makeUser({ isTownAdmin: true }));
		for (const viewer of [shopkeeper, villager, townAdmin]) {
			await expect(previewImport(viewer, file)).rejects.toMatchObject({ code: 'forbidden' });
		}
		await expect(previewImport(null, file)).rejects.toMatchObject({ code: 'unauthenticated' });
	});
});
