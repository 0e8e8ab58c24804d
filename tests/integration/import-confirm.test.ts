import type { RequestEvent } from '@sveltejs/kit';
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { mount } from '$lib/server/api/endpoint';
import {
	exportHouseholdsEndpoint,
	importConfirm,
	importPreview
} from '$lib/server/api/endpoints/import';
import { loadViewer, type Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { auditLog, households, members, tenGroups, type Village } from '$lib/server/db/schema';
import { confirmImport, getImport } from '$lib/server/import/confirm-import';
import { exportHouseholds } from '$lib/server/import/export-households';
import { loadPending } from '$lib/server/import/pending';
import { previewImport } from '$lib/server/import/preview-import';
import { importTemplate } from '$lib/server/import/template';
import { CONTENT_TYPES } from '$lib/server/import/write-sheet';
import { mountUpload } from '$lib/server/import/upload';
import { makeFamily, makeMember, makeTenGroup, makeUser, makeVillage } from '../factories';
import { csvFile, HEADER, readXlsxRows, row, xlsxFile, type File } from '../fixtures/import/files';
import { callEndpoint } from './api-helpers';

let liutiao: Village;
let majia: Village;
let ltCommittee: Viewer;
let ltCommittee2: Viewer;
let mjCommittee: Viewer;

beforeAll(() => {
	liutiao = makeVillage({ name: '柳条村' });
	majia = makeVillage({ name: '马家村' });
	ltCommittee = loadViewer(makeUser({ villageId: liutiao.id, roles: ['committee'] }));
	ltCommittee2 = loadViewer(makeUser({ villageId: liutiao.id, roles: ['committee'] }));
	mjCommittee = loadViewer(makeUser({ villageId: majia.id, roles: ['committee'] }));
	makeTenGroup({ villageId: liutiao.id, name: '第1联组' });
});

/** Every row an import could write, in full: what "nothing changed" compares. */
const snapshot = () => ({
	households: db.select().from(households).orderBy(households.id).all(),
	members: db.select().from(members).orderBy(members.id).all(),
	groups: db.select().from(tenGroups).orderBy(tenGroups.id).all(),
	audit: db.select({ n: count() }).from(auditLog).get()!.n
});

let fileNo = 0;
/** A good file of two households (3 members) with fresh 户号 and phones. */
function goodFile(name?: string): File {
	const n = ++fileNo;
	const prefix = name ?? `F${n}`;
	const phone = `139${String(n).padStart(4, '0')}0001`;
	return csvFile([
		row({
			户号: `${prefix}-001`,
			地址: '新村路 1 号',
			村民小组: '一组',
			十户联组: '第1联组',
			是否户主: '是',
			姓名: '张三',
			性别: '男',
			出生年份: 1950,
			手机号: phone,
			身份证号: '',
			关爱类别: '高龄、空巢',
			风险等级: '中',
			低保特困: '低保',
			同意代办: '是'
		}),
		row({
			户号: `${prefix}-001`,
			地址: '新村路 1 号',
			村民小组: '一组',
			十户联组: '第1联组',
			是否户主: '否',
			姓名: '李四',
			性别: '女',
			出生年份: 1952,
			与户主关系: '配偶'
		}),
		row({ 户号: `${prefix}-002`, 十户联组: `${prefix}组`, 是否户主: '是', 姓名: '赵五' })
	]);
}

const householdByNumber = (villageId: number, number: string) =>
	db
		.select()
		.from(households)
		.where(and(eq(households.villageId, villageId), eq(households.number, number)))
		.get();

describe('confirmImport', () => {
	it('writes every household and member, mapping the Chinese cells, and audits it', async () => {
		const preview = await previewImport(ltCommittee, goodFile('OK'));
		const result = await confirmImport(ltCommittee, preview.id);
		expect(result).toEqual({
			id: preview.id,
			imported: true,
			fileName: 'people.csv',
			households: 2,
			members: 3,
			newGroups: ['OK组']
		});

		const h1 = householdByNumber(liutiao.id, 'OK-001')!;
		const group = db.select().from(tenGroups).where(eq(tenGroups.id, h1.tenGroupId!)).get()!;
		expect(group.name).toBe('第1联组');
		expect(h1).toMatchObject({ address: '新村路 1 号', villagerGroup: '一组', active: true });
		const people = db.select().from(members).where(eq(members.householdId, h1.id)).all();
		expect(people).toHaveLength(2);
		const zhang = people.find((p) => p.name === '张三')!;
		expect(h1.headMemberId).toBe(zhang.id);
		expect(zhang).toMatchObject({
			villageId: liutiao.id,
			gender: 'male',
			birthYear: 1950,
			relation: '户主',
			careTags: ['空巢', '高龄'],
			riskTier: 'medium',
			assistance: 'dibao',
			proxyConsent: true
		});
		expect(people.find((p) => p.name === '李四')).toMatchObject({
			gender: 'female',
			relation: '配偶',
			phone: null,
			assistance: 'none',
			proxyConsent: false
		});

		const h2 = householdByNumber(liutiao.id, 'OK-002')!;
		const newGroup = db.select().from(tenGroups).where(eq(tenGroups.id, h2.tenGroupId!)).get()!;
		expect(newGroup).toMatchObject({ villageId: liutiao.id, name: 'OK组', leaderMemberId: null });

		const audit = db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'people.import'), eq(auditLog.villageId, liutiao.id)))
			.all()
			.find((a) => a.detail?.importId === preview.id)!;
		expect(audit).toMatchObject({ actorUserId: ltCommittee.userId, subjectType: 'import' });
		expect(audit.detail).toMatchObject({
			households: 2,
			members: 3,
			householdNumbers: ['OK-001', 'OK-002']
		});
		// The upload is gone once imported.
		expect(loadPending(preview.id)).toBeNull();
	});

	it('imports an .xlsx the same way', async () => {
		const preview = await previewImport(
			ltCommittee,
			await xlsxFile([
				['XL-1', '', '', '', '是', '钱六', '', 1948, '', 13955550001, '', '', '', '', ''],
				['XL-1', '', '', '', '否', '孙七', '', 1950, '配偶', null, '', '', '', '', '']
			])
		);
		await confirmImport(ltCommittee, preview.id);
		const h = householdByNumber(liutiao.id, 'XL-1')!;
		const head = db.select().from(members).where(eq(members.id, h.headMemberId!)).get()!;
		expect(head).toMatchObject({ name: '钱六', phone: '13955550001', birthYear: 1948 });
	});

	it('confirming twice imports once and answers the same', async () => {
		const preview = await previewImport(ltCommittee, goodFile());
		const first = await confirmImport(ltCommittee, preview.id);
		const after = snapshot();
		const second = await confirmImport(ltCommittee, preview.id);
		expect(second).toEqual(first);
		expect(snapshot()).toEqual(after);
		expect(await getImport(ltCommittee, preview.id)).toEqual({ state: 'done', result: first });
	});

	it('two confirms at once (a double tap) import once', async () => {
		const preview = await previewImport(ltCommittee, goodFile('DT'));
		const before = snapshot();
		const [a, b] = await Promise.all([
			confirmImport(ltCommittee, preview.id),
			confirmImport(ltCommittee, preview.id)
		]);
		expect(a).toEqual(b);
		const after = snapshot();
		expect(after.households.length - before.households.length).toBe(2);
		expect(after.members.length - before.members.length).toBe(3);
		expect(after.audit - before.audit).toBe(1);
	});

	it('re-checks at confirm: a 户号 taken since the preview refuses the whole file', async () => {
		const preview = await previewImport(ltCommittee, goodFile('RC'));
		// Meanwhile someone adds household RC-002 through the forms.
		const other = makeFamily({ villageId: liutiao.id });
		db.update(households)
			.set({ number: 'RC-002' })
			.where(eq(households.id, other.household.id))
			.run();
		const before = snapshot();
		await expect(confirmImport(ltCommittee, preview.id)).rejects.toMatchObject({
			code: 'import_invalid',
			details: { errors: [{ row: 4, message: '第 4 行: 户号 RC-002 已存在' }] }
		});
		expect(snapshot()).toEqual(before);
		expect(await getImport(ltCommittee, preview.id)).toMatchObject({
			state: 'invalid',
			errors: [{ row: 4, message: '第 4 行: 户号 RC-002 已存在' }]
		});
	});

	it("马家村's committee can't see or confirm 柳条村's pending import, nor its result", async () => {
		const preview = await previewImport(ltCommittee, goodFile());
		const before = snapshot();
		await expect(confirmImport(mjCommittee, preview.id)).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(getImport(mjCommittee, preview.id)).rejects.toMatchObject({ code: 'not_found' });
		expect(snapshot()).toEqual(before);
		// Still there for its owner.
		await confirmImport(ltCommittee, preview.id);
		await expect(confirmImport(mjCommittee, preview.id)).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(getImport(mjCommittee, preview.id)).rejects.toMatchObject({ code: 'not_found' });
	});

	it("another committee member of the village can't confirm someone else's preview", async () => {
		const preview = await previewImport(ltCommittee, goodFile());
		const before = snapshot();
		await expect(confirmImport(ltCommittee2, preview.id)).rejects.toMatchObject({
			code: 'not_found'
		});
		expect(snapshot()).toEqual(before);
	});

	it('an unknown or malformed id is not found', async () => {
		await expect(confirmImport(ltCommittee, 'a'.repeat(24))).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(confirmImport(ltCommittee, '../../etc/passwd')).rejects.toMatchObject({
			code: 'not_found'
		});
	});
});

/**
 * Calls the preview endpoint as SvelteKit would: multipart with the field `file` (a page), or
 * the raw file with its content type (an API client).
 */
async function uploadPreview(
	viewer: Viewer | null,
	file: File | null,
	raw?: { contentType: string; name?: string }
) {
	const url = new URL('http://localhost/api/v1/import/preview');
	if (raw?.name) url.searchParams.set('name', raw.name);
	let request: Request;
	if (raw) {
		request = new Request(url, {
			method: 'POST',
			headers: { 'content-type': raw.contentType },
			body: (file?.bytes ?? new Uint8Array()) as BodyInit
		});
	} else {
		const form = new FormData();
		if (file) form.set('file', new Blob([file.bytes as BlobPart]), file.name);
		request = new Request(url, { method: 'POST', body: form });
	}
	const event = {
		request,
		url,
		params: {},
		locals: { viewer, user: null, session: null, actingFor: null, careMode: false },
		getClientAddress: () => '127.0.0.1'
	} as unknown as RequestEvent;
	const response = await mountUpload(importPreview)(event as never);
	return { status: response.status, body: await response.json() };
}

async function callExport(viewer: Viewer | null, format: string) {
	const url = new URL(`http://localhost/api/v1/export/households?format=${format}`);
	const event = {
		request: new Request(url),
		url,
		params: {},
		locals: { viewer, user: null, session: null, actingFor: null, careMode: false },
		getClientAddress: () => '127.0.0.1'
	} as unknown as RequestEvent;
	return mount(exportHouseholdsEndpoint)(event as never);
}

describe('API', () => {
	it('POST /import/preview (multipart) then POST /import/{id}/confirm, once', async () => {
		const preview = await uploadPreview(ltCommittee, goodFile('API'));
		expect(preview.status).toBe(200);
		expect(preview.body).toMatchObject({
			ok: true,
			rows: 3,
			households: 2,
			members: 3,
			errors: []
		});
		const before = snapshot();
		const first = await callEndpoint(importConfirm, {
			viewer: ltCommittee,
			params: { id: preview.body.id }
		});
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({ imported: true, households: 2, members: 3 });
		const second = await callEndpoint(importConfirm, {
			viewer: ltCommittee,
			params: { id: preview.body.id }
		});
		expect(second.body).toEqual(first.body);
		expect(snapshot().members.length - before.members.length).toBe(3);
	});

	it('takes the raw file as the body too (text/csv, the .xlsx type, or a name)', async () => {
		const csv = await uploadPreview(ltCommittee, goodFile(), { contentType: 'text/csv' });
		expect(csv.status).toBe(200);
		expect(csv.body).toMatchObject({ ok: true, fileName: 'upload.csv', members: 3 });
		const xlsx = await uploadPreview(
			ltCommittee,
			await xlsxFile([['RAW-1', '', '', '', '是', '甲', '', '', '', '', '', '', '', '', '']]),
			{ contentType: 'application/octet-stream' }
		);
		expect(xlsx.body).toMatchObject({ ok: true, members: 1 });
		const named = await uploadPreview(ltCommittee, goodFile(), {
			contentType: 'application/octet-stream',
			name: '名单.csv'
		});
		expect(named.body).toMatchObject({ ok: true, fileName: '名单.csv' });
		const empty = await uploadPreview(ltCommittee, null, { contentType: 'text/csv' });
		expect(empty.status).toBe(422);
		expect(empty.body.error.details.errors).toEqual([
			{ row: null, message: '请选择要上传的文件。' }
		]);
	});

	it('a bad file is 422 import_invalid with every row in details.errors', async () => {
		const before = snapshot();
		const bad = await uploadPreview(
			ltCommittee,
			csvFile([
				row({ 户号: 'Z-1', 是否户主: '是', 姓名: '' }),
				row({ 户号: 'Z-2', 是否户主: '是', 姓名: '甲', 手机号: '12' })
			])
		);
		expect(bad.status).toBe(422);
		expect(bad.body.error.code).toBe('import_invalid');
		expect(bad.body.error.details.errors).toEqual([
			{ row: 2, message: '第 2 行: 姓名不能为空' },
			{ row: 3, message: '第 3 行: 手机号「12」不对，应为 11 位手机号' }
		]);
		expect(snapshot()).toEqual(before);
		const none = await uploadPreview(ltCommittee, null);
		expect(none.status).toBe(422);
		expect(none.body.error.details.errors).toEqual([
			{ row: null, message: '请选择要上传的文件。' }
		]);
	});

	it('needs a signed-in committee member; another village gets 404 on confirm', async () => {
		expect((await uploadPreview(null, goodFile())).status).toBe(401);
		const { household } = makeFamily({ villageId: liutiao.id });
		const villager = loadViewer(
			makeUser({ villageId: liutiao.id, memberId: household.headMemberId })
		);
		expect((await uploadPreview(villager, goodFile())).status).toBe(403);
		const preview = await uploadPreview(ltCommittee, goodFile());
		const before = snapshot();
		const foreign = await callEndpoint(importConfirm, {
			viewer: mjCommittee,
			params: { id: preview.body.id }
		});
		expect(foreign.status).toBe(404);
		expect(foreign.body.error.code).toBe('not_found');
		expect(snapshot()).toEqual(before);
	});

	it('GET /export/households: the file, committee only', async () => {
		const xlsx = await callExport(ltCommittee, 'xlsx');
		expect(xlsx.status).toBe(200);
		expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
		expect(xlsx.headers.get('content-disposition')).toContain('attachment');
		const csv = await callExport(ltCommittee, 'csv');
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const bytes = new Uint8Array(await csv.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect((await callExport(null, 'csv')).status).toBe(401);
		const shopkeeper = loadViewer(makeUser({ villageId: liutiao.id, roles: ['shopkeeper'] }));
		expect((await callExport(shopkeeper, 'csv')).status).toBe(403);
		expect((await callExport(ltCommittee, 'pdf')).status).toBe(400);
	});
});

describe('exportHouseholds', () => {
	it("exports only the village's own active people, private columns included", async () => {
		const village = makeVillage();
		const viewer = loadViewer(makeUser({ villageId: village.id, roles: ['committee'] }));
		const group = makeTenGroup({ villageId: village.id, name: '东组' });
		const { household, head } = makeFamily(
			{ villageId: village.id, tenGroupId: group.id },
			{
				name: '周大',
				phone: '13966660001',
				idNumber: '110101195001011234',
				careTags: ['独居'],
				riskTier: 'high',
				assistance: 'tekun',
				proxyConsent: true,
				gender: 'male',
				birthYear: 1940
			}
		);
		db.update(households)
			.set({ number: 'E-1', address: '北街 9 号' })
			.where(eq(households.id, household.id))
			.run();
		makeMember({ householdId: household.id, name: '走了', active: false });
		const gone = makeFamily({ villageId: village.id }, { name: '停用户' }).household;
		db.update(households).set({ active: false }).where(eq(households.id, gone.id)).run();

		const download = await exportHouseholds(viewer, 'xlsx');
		const rows = await readXlsxRows(download.body);
		expect(rows).toEqual([
			[
				'户号',
				'地址',
				'村民小组',
				'十户联组',
				'是否户主',
				'姓名',
				'性别',
				'出生年份',
				'与户主关系',
				'手机号',
				'身份证号',
				'关爱类别',
				'风险等级',
				'低保特困',
				'同意代办'
			],
			[
				'E-1',
				'北街 9 号',
				'',
				'东组',
				'是',
				'周大',
				'男',
				'1940',
				'户主',
				'13966660001',
				'110101195001011234',
				'独居',
				'高',
				'特困',
				'是'
			]
		]);
		expect(head.id).toBeGreaterThan(0);
		await expect(
			exportHouseholds(mjCommittee, 'csv').then((d) => new TextDecoder().decode(d.body))
		).resolves.not.toContain('周大');
	});

	it('an export re-imports into an empty village unchanged (CSV and .xlsx)', async () => {
		const from = makeVillage();
		const fromViewer = loadViewer(makeUser({ villageId: from.id, roles: ['committee'] }));
		const g = makeTenGroup({ villageId: from.id, name: '第3联组' });
		for (let i = 1; i <= 3; i++) {
			const { household } = makeFamily(
				{ villageId: from.id, tenGroupId: i < 3 ? g.id : null },
				{ name: `户主${i}`, phone: `1397777000${i}`, careTags: i === 1 ? ['空巢', '高龄'] : [] }
			);
			db.update(households)
				.set({ number: `R-${i}`, villagerGroup: `${i}组` })
				.where(eq(households.id, household.id))
				.run();
			makeMember({
				householdId: household.id,
				name: `家人${i}`,
				relation: '子女',
				gender: 'female',
				birthYear: 1990 + i
			});
		}
		const people = (villageId: number) =>
			db
				.select({
					number: households.number,
					villagerGroup: households.villagerGroup,
					isHead: eq(households.headMemberId, members.id),
					name: members.name,
					gender: members.gender,
					birthYear: members.birthYear,
					relation: members.relation,
					phone: members.phone,
					careTags: members.careTags,
					group: tenGroups.name
				})
				.from(members)
				.innerJoin(households, eq(members.householdId, households.id))
				.leftJoin(tenGroups, eq(households.tenGroupId, tenGroups.id))
				.where(eq(members.villageId, villageId))
				.orderBy(households.number, members.name)
				.all();

		for (const format of ['csv', 'xlsx'] as const) {
			const download = await exportHouseholds(fromViewer, format);
			const to = makeVillage();
			const toViewer = loadViewer(makeUser({ villageId: to.id, roles: ['committee'] }));
			const preview = await previewImport(toViewer, {
				name: download.fileName,
				bytes: download.body
			});
			expect(preview.newGroups).toEqual(['第3联组']);
			await confirmImport(toViewer, preview.id);
			expect(people(to.id)).toEqual(people(from.id));
			expect(people(to.id)).toHaveLength(6);
		}
	});
});

describe('importTemplate', () => {
	it('has the Chinese headers and two example rows that import as they are', async () => {
		for (const format of ['csv', 'xlsx'] as const) {
			const template = await importTemplate(ltCommittee, format);
			expect(template.contentType).toBe(CONTENT_TYPES[format]);
			const village = makeVillage();
			const viewer = loadViewer(makeUser({ villageId: village.id, roles: ['committee'] }));
			const preview = await previewImport(viewer, {
				name: template.fileName,
				bytes: template.body
			});
			expect(preview).toMatchObject({ rows: 2, households: 1, members: 2, newGroups: ['第1联组'] });
			expect(preview.sample.map((s) => s.cells.name)).toEqual(['张大山', '李秀英']);
		}
		const rows = await readXlsxRows((await importTemplate(ltCommittee, 'xlsx')).body);
		expect(rows[0]).toEqual([...HEADER]);
		await expect(importTemplate(mjCommittee, 'csv')).resolves.toBeTruthy();
		const shopkeeper = loadViewer(makeUser({ villageId: liutiao.id, roles: ['shopkeeper'] }));
		await expect(importTemplate(shopkeeper, 'csv')).rejects.toMatchObject({ code: 'forbidden' });
	});
});
