import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
	villageCreate,
	villageSettingsGet,
	villageSettingsPatch,
	villagesList
} from '$lib/server/api/endpoints/villages';
import { loadViewer, type Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { auditLog, users, villages, type Village } from '$lib/server/db/schema';
import { DomainError, type ErrorCode } from '$lib/server/errors';
import { fromZodError } from '$lib/server/http/errors';
import { listAllVillages, listVillages } from '$lib/server/villages/list-villages';
import { ZVillageSettings } from '$lib/server/villages/settings-schema';
import {
	patchVillageSettings,
	updateVillageSettings
} from '$lib/server/villages/update-village-settings';
import { getVillageSettings } from '$lib/server/villages/village-settings';
import { villageOverview } from '$lib/server/villages/village-overview';
import { searchDirectory } from '$lib/server/villages/search-directory';
import {
	makeFamily,
	makeMember,
	makeTenGroup,
	makeUser,
	makeVillage,
	uniquePhone
} from '../factories';
import { callEndpoint } from './api-helpers';

const snapshot = () => ({
	villages: db.select().from(villages).orderBy(villages.id).all(),
	audit: db.select({ n: count() }).from(auditLog).get()?.n
});

/** Runs `fn`, expects it to be refused with `code`, and that nothing changed. */
function expectRefused(code: ErrorCode, fn: () => unknown): DomainError {
	const before = snapshot();
	let caught: unknown;
	try {
		fn();
	} catch (e) {
		caught = e instanceof z.ZodError ? fromZodError(e) : e;
	}
	expect(caught).toBeInstanceOf(DomainError);
	expect((caught as DomainError).code).toBe(code);
	expect(snapshot()).toEqual(before);
	return caught as DomainError;
}
const fieldErrorsOf = (e: DomainError) =>
	(e.details as { fieldErrors: Record<string, string> }).fieldErrors;

let liutiao: Village;
let majia: Village;
let committee: Viewer;
let majiaCommittee: Viewer;
let villager: Viewer;
let townAdmin: Viewer;

const DEFAULTS = {
	redeemThreshold: 600,
	thresholdBasis: 'balance',
	noticeDays: 7,
	pointsPerHour: 10,
	expiryPolicy: 'never',
	expiryDate: null,
	expiryYears: null,
	expiryWarnDays: 30,
	showRankings: true,
	twoLevelReview: true
} as const;

beforeAll(() => {
	liutiao = makeVillage({ name: '柳条村', code: 'liutiao-s', town: '柳河镇' });
	majia = makeVillage({ name: '马家村', code: 'majia-s', town: '柳河镇' });
	committee = loadViewer(makeUser({ villageId: liutiao.id, roles: ['committee'] }));
	majiaCommittee = loadViewer(makeUser({ villageId: majia.id, roles: ['committee'] }));
	villager = loadViewer(makeUser({ memberId: makeFamily({ villageId: liutiao.id }).head.id }));
	townAdmin = loadViewer(makeUser({ isTownAdmin: true, villageId: null }));
});

describe('village settings', () => {
	it('start at the defaults of the brief', () => {
		expect(getVillageSettings(committee, liutiao.id)).toMatchObject(DEFAULTS);
	});

	it('are changed by the committee, the change audited field by field', () => {
		const after = updateVillageSettings(committee, liutiao.id, {
			...DEFAULTS,
			redeemThreshold: '800',
			thresholdBasis: 'earned',
			noticeDays: '10',
			expiryPolicy: 'yearly',
			expiryDate: '12-31',
			expiryYears: '3',
			showRankings: '',
			twoLevelReview: 'on'
		});
		expect(after).toMatchObject({
			redeemThreshold: 800,
			thresholdBasis: 'earned',
			noticeDays: 10,
			expiryPolicy: 'yearly',
			expiryDate: '12-31',
			// Only the chosen policy's field is kept.
			expiryYears: null,
			showRankings: false,
			twoLevelReview: true
		});
		const audit = db.select().from(auditLog).orderBy(auditLog.id).all().at(-1);
		expect(audit).toMatchObject({
			villageId: liutiao.id,
			actorUserId: committee.userId,
			action: 'village.update_settings',
			subjectType: 'village',
			subjectId: liutiao.id
		});
		expect(audit?.detail).toMatchObject({
			redeemThreshold: { from: 600, to: 800 },
			showRankings: { from: true, to: false }
		});
		expect(audit?.detail).not.toHaveProperty('pointsPerHour');
	});

	it('accept a partial PATCH, checked together with what is stored', () => {
		const after = patchVillageSettings(committee, liutiao.id, { expiryPolicy: 'never' });
		expect(after).toMatchObject({ expiryPolicy: 'never', expiryDate: null, redeemThreshold: 800 });
		const years = patchVillageSettings(committee, liutiao.id, {
			expiryPolicy: 'after_years',
			expiryYears: 2
		});
		expect(years).toMatchObject({ expiryPolicy: 'after_years', expiryYears: 2 });
		// Normalises a loosely written date.
		expect(
			patchVillageSettings(committee, liutiao.id, { expiryPolicy: 'yearly', expiryDate: '3/1' })
		).toMatchObject({ expiryDate: '03-01', expiryYears: null });
	});

	it('record nothing when nothing changes', () => {
		const before = snapshot();
		patchVillageSettings(committee, liutiao.id, {});
		expect(snapshot()).toEqual(before);
	});

	it.each([
		[{ expiryPolicy: 'yearly', expiryDate: null }, 'expiryDate', '请填写清零日期'],
		[{ expiryPolicy: 'yearly', expiryDate: '02-30' }, 'expiryDate', '月-日'],
		[{ expiryPolicy: 'yearly', expiryDate: '13-01' }, 'expiryDate', '月-日'],
		[{ expiryPolicy: 'yearly', expiryDate: '02-29' }, 'expiryDate', '2 月 29 日'],
		[{ expiryPolicy: 'yearly', expiryDate: 'soon' }, 'expiryDate', '月-日'],
		[{ expiryPolicy: 'after_years', expiryYears: null }, 'expiryYears', '请填写年数'],
		[{ expiryPolicy: 'after_years', expiryYears: 0 }, 'expiryYears', '1 到 50'],
		[{ noticeDays: 61 }, 'noticeDays', '0 到 60'],
		[{ noticeDays: -1 }, 'noticeDays', '0 到 60'],
		[{ redeemThreshold: -5 }, 'redeemThreshold', '兑换门槛'],
		[{ redeemThreshold: 1.5 }, 'redeemThreshold', '兑换门槛'],
		[{ pointsPerHour: 5000 }, 'pointsPerHour', '每小时'],
		[{ expiryWarnDays: 400 }, 'expiryWarnDays', '提前提醒'],
		[{ thresholdBasis: 'income' }, 'thresholdBasis', '门槛'],
		[{ showRankings: 'yes' }, 'showRankings', '开关']
	] as const)('refuse %o with a clear message on %s, changing nothing', (patch, field, text) => {
		const e = expectRefused('validation', () => patchVillageSettings(committee, liutiao.id, patch));
		expect(fieldErrorsOf(e)[field]).toContain(text);
	});

	it('refuse unknown fields in a PATCH', () => {
		const e = expectRefused('validation', () =>
			patchVillageSettings(committee, liutiao.id, { redeemTreshold: 100 })
		);
		expect(e.userMessage()).toContain('redeemTreshold');
	});

	it('refuse the same mistakes from the form (strings), changing nothing', () => {
		const form = {
			redeemThreshold: '',
			thresholdBasis: 'balance',
			noticeDays: 'abc',
			pointsPerHour: '10',
			expiryPolicy: 'never',
			expiryDate: 'nonsense',
			expiryYears: '',
			expiryWarnDays: '30'
		};
		const e = expectRefused('validation', () => updateVillageSettings(committee, liutiao.id, form));
		expect(Object.keys(fieldErrorsOf(e)).sort()).toEqual(['noticeDays', 'redeemThreshold']);
		// The date is only checked under the yearly policy: under "never" it is ignored.
		expect(() =>
			ZVillageSettings.parse({ ...form, redeemThreshold: '1', noticeDays: '1' })
		).not.toThrow();
	});

	it("can't be read or changed by another village's committee (not_found), nothing changes", async () => {
		expectRefused('not_found', () => getVillageSettings(majiaCommittee, liutiao.id));
		expectRefused('not_found', () =>
			patchVillageSettings(majiaCommittee, liutiao.id, { noticeDays: 3 })
		);
		expectRefused('not_found', () =>
			updateVillageSettings(majiaCommittee, liutiao.id, { ...DEFAULTS, noticeDays: 3 })
		);
		const before = snapshot();
		const read = await callEndpoint(villageSettingsGet, {
			viewer: majiaCommittee,
			params: { id: String(liutiao.id) }
		});
		expect(read.status).toBe(404);
		expect(read.body.error.code).toBe('not_found');
		const write = await callEndpoint(villageSettingsPatch, {
			viewer: majiaCommittee,
			params: { id: String(liutiao.id) },
			body: { noticeDays: 3 }
		});
		expect(write.status).toBe(404);
		expect(snapshot()).toEqual(before);
	});

	it("can be read by the village's villagers but not changed by them", () => {
		expect(getVillageSettings(villager, liutiao.id).id).toBe(liutiao.id);
		expectRefused('forbidden', () => patchVillageSettings(villager, liutiao.id, { noticeDays: 3 }));
	});

	it('can be changed by the town admin, for any village', async () => {
		const res = await callEndpoint(villageSettingsPatch, {
			viewer: townAdmin,
			params: { id: String(majia.id) },
			body: { noticeDays: 14, showRankings: false }
		});
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ id: majia.id, noticeDays: 14, showRankings: false });
		const bad = await callEndpoint(villageSettingsPatch, {
			viewer: townAdmin,
			params: { id: String(majia.id) },
			body: { expiryPolicy: 'yearly' }
		});
		expect(bad.status).toBe(400);
		expect(bad.body.error.code).toBe('validation');
		expect(bad.body.error.details.fieldErrors.expiryDate).toBeTruthy();
		expect(getVillageSettings(townAdmin, majia.id).expiryPolicy).toBe('never');
	});
});

describe('listing villages', () => {
	it('shows a town admin every village with its figures', async () => {
		const group = makeTenGroup({ villageId: majia.id });
		const home = makeFamily({ villageId: majia.id, tenGroupId: group.id });
		makeMember({ householdId: home.household.id, careTags: ['高龄'] });
		const list = listAllVillages(townAdmin);
		expect(list.map((v) => v.id)).toEqual(expect.arrayContaining([liutiao.id, majia.id]));
		const mj = list.find((v) => v.id === majia.id)!;
		expect(mj.figures).toEqual({ households: 1, members: 2, groups: 1, accounts: 1 });
		const res = await callEndpoint(villagesList, { viewer: townAdmin });
		expect(res.status).toBe(200);
		expect(res.body.villages.length).toBe(list.length);
	});

	it('shows anyone else only their own village, and refuses them the town overview', () => {
		expect(listVillages(majiaCommittee).map((v) => v.id)).toEqual([majia.id]);
		expect(listVillages(villager).map((v) => v.id)).toEqual([liutiao.id]);
		expectRefused('forbidden', () => listAllVillages(committee));
		expectRefused('unauthenticated', () => listAllVillages(null));
	});

	it("gives the committee its village's overview, tagged elders counted", () => {
		const overview = villageOverview(majiaCommittee, majia.id);
		expect(overview.figures.taggedMembers).toBe(1);
		expectRefused('not_found', () => villageOverview(majiaCommittee, liutiao.id));
		expectRefused('forbidden', () => villageOverview(villager, liutiao.id));
	});
});

describe('creating a village through the API', () => {
	it('is for the town admin, who gets 201 and a committee login', async () => {
		const phone = uniquePhone();
		const body = {
			name: '新村',
			code: 'xincun',
			town: '柳河镇',
			committee: { phone, name: '新村委', password: 'xincun-pass' }
		};
		const res = await callEndpoint(villageCreate, { viewer: townAdmin, body });
		expect(res.status).toBe(201);
		const user = db.select().from(users).where(eq(users.phone, phone)).get();
		expect(user?.villageId).toBe(res.body.villageId);
		expect(loadViewer(user!).roles).toContain('committee');

		const before = snapshot();
		const refused = await callEndpoint(villageCreate, {
			viewer: committee,
			body: { ...body, code: 'other', committee: { ...body.committee, phone: uniquePhone() } }
		});
		expect(refused.status).toBe(403);
		expect(snapshot()).toEqual(before);
	});
});

describe('the staff directory', () => {
	it('finds households by name or 户号 and never carries private fields', () => {
		const group = makeTenGroup({ villageId: liutiao.id, name: '第九联组' });
		const home = makeFamily(
			{ villageId: liutiao.id, tenGroupId: group.id },
			{ name: '司马光明', phone: uniquePhone(), idNumber: '110101195001011234' }
		);
		makeMember({ householdId: home.household.id, name: '司马小雨', careTags: ['留守'] });
		const shopkeeper = loadViewer(makeUser({ villageId: liutiao.id, roles: ['shopkeeper'] }));
		const teamLeader = loadViewer(makeUser({ villageId: liutiao.id, roles: ['team_leader'] }));

		const byName = searchDirectory(shopkeeper, liutiao.id, { q: '小雨' });
		expect(byName.households).toEqual([
			{
				id: home.household.id,
				number: home.household.number,
				villagerGroup: '',
				tenGroupName: '第九联组',
				headName: '司马光明',
				members: [
					{ id: home.head.id, name: '司马光明' },
					{ id: expect.any(Number), name: '司马小雨' }
				],
				balance: 0
			}
		]);
		const text = JSON.stringify(byName);
		expect(text).not.toContain(home.head.phone!);
		expect(text).not.toContain('110101195001011234');
		expect(text).not.toContain('留守');

		// A team leader finds the household too, without its balance.
		const byNumber = searchDirectory(teamLeader, liutiao.id, { q: home.household.number });
		expect(byNumber.households.map((h) => h.id)).toEqual([home.household.id]);
		expect(byNumber.households[0]?.balance).toBeNull();
		// LIKE wildcards are taken literally.
		expect(searchDirectory(shopkeeper, liutiao.id, { q: '%' }).total).toBe(0);

		expectRefused('forbidden', () => searchDirectory(villager, liutiao.id, {}));
		expectRefused('not_found', () => searchDirectory(shopkeeper, majia.id, {}));
	});
});
