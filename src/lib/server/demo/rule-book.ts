import { eq } from 'drizzle-orm';
import type { Tx } from '$lib/server/db';
import { ruleVersions, rules, users, type Rule } from '$lib/server/db/schema';
import { seedDemoLedger } from './ledger-history';

type DemoRule = {
	category: string;
	name: string;
	points: number;
	unit: string;
	monthlyCap?: number;
	yearlyCap?: number;
	photoRequired?: boolean;
	description?: string;
};

const FILIAL = '孝老爱亲';
const CLEAN = '环境卫生/门前三包';
const CUSTOMS = '移风易俗';
const VOLUNTEER = '志愿服务';
const NEIGHBOUR = '邻里互助';
const LAW = '遵纪守法';

/**
 * 柳条村's 积分细则 (demo), in the range villages use: a few points for a clean yard, tens for a
 * major deed, deductions for what the 村规民约 forbids. Caps count units per household.
 */
export const LIUTIAO_RULES: readonly DemoRule[] = [
	{
		category: FILIAL,
		name: '照料生病或失能老人',
		points: 10,
		unit: '月',
		monthlyCap: 1,
		yearlyCap: 12
	},
	{ category: FILIAL, name: '子女常回家看望独居父母', points: 3, unit: '次', monthlyCap: 2 },
	{ category: FILIAL, name: '家庭和睦，全年无家庭纠纷', points: 10, unit: '年', yearlyCap: 1 },
	{ category: FILIAL, name: '被评为村级“好媳妇”“好儿女”', points: 30, unit: '次', yearlyCap: 1 },
	{
		category: CLEAN,
		name: '月度环境卫生检查：庭院整洁',
		points: 3,
		unit: '月',
		monthlyCap: 1,
		photoRequired: true,
		description: '村委每月检查一次，室内外干净整洁、物品摆放有序。'
	},
	{
		category: CLEAN,
		name: '门前三包落实到位',
		points: 2,
		unit: '月',
		monthlyCap: 1,
		description: '门前无垃圾、无杂物、无积水。'
	},
	{ category: CLEAN, name: '垃圾分类投放正确', points: 2, unit: '月', monthlyCap: 1 },
	{
		category: CLEAN,
		name: '被评为“美丽庭院”',
		points: 20,
		unit: '次',
		yearlyCap: 1,
		photoRequired: true
	},
	{ category: CLEAN, name: '乱堆乱放、乱倒垃圾', points: -5, unit: '次', photoRequired: true },
	{ category: CLEAN, name: '焚烧秸秆或垃圾', points: -10, unit: '次', photoRequired: true },
	{
		category: CUSTOMS,
		name: '红白喜事简办',
		points: 20,
		unit: '次',
		description: '报村红白理事会备案，按村规标准简办。'
	},
	{ category: CUSTOMS, name: '婚事新办，不要高价彩礼', points: 30, unit: '次' },
	{ category: CUSTOMS, name: '大操大办、铺张浪费', points: -20, unit: '次' },
	{ category: CUSTOMS, name: '参与封建迷信活动', points: -10, unit: '次' },
	{
		category: VOLUNTEER,
		name: '参加村志愿服务活动',
		points: 5,
		unit: '次',
		monthlyCap: 4,
		description: '每次半天以上，由队长登记。'
	},
	{ category: VOLUNTEER, name: '巡访关爱独居、高龄老人', points: 5, unit: '次', monthlyCap: 4 },
	{ category: VOLUNTEER, name: '参加防汛、防火等应急值守', points: 10, unit: '次' },
	{ category: VOLUNTEER, name: '无偿献血', points: 20, unit: '次', yearlyCap: 2 },
	{ category: NEIGHBOUR, name: '帮助邻里解决生产生活困难', points: 5, unit: '次', monthlyCap: 3 },
	{ category: NEIGHBOUR, name: '调解邻里纠纷成功', points: 10, unit: '次' },
	{ category: NEIGHBOUR, name: '拾金不昧（价值 100 元以上）', points: 10, unit: '次' },
	{ category: NEIGHBOUR, name: '见义勇为（经村委认定）', points: 50, unit: '次' },
	{ category: LAW, name: '积极参加村民会议、议事会', points: 2, unit: '次', monthlyCap: 2 },
	{ category: LAW, name: '按时缴纳医保、养老保险', points: 5, unit: '年', yearlyCap: 1 },
	{ category: LAW, name: '私搭乱建，经劝阻不改', points: -20, unit: '次' },
	{ category: LAW, name: '参与赌博', points: -30, unit: '次' }
];

export const LIUTIAO_ADOPTION = {
	adoptedBy: '村民代表会议',
	adoptedOn: '2026-03-15',
	resolution:
		'2026年3月15日村民代表会议讨论通过：应到代表35人，实到32人，同意31人，弃权1人。' +
		'经村务公开栏公示7天无异议，自2026年4月1日起施行。',
	publishedAt: new Date('2026-03-23T09:00:00+08:00')
} as const;

/** Writes 柳条村's first rule book, published. Returns its rules by name. */
export function seedDemoRuleBook(
	tx: Tx,
	villageId: number,
	committeeUserId: number | null
): Map<string, Rule> {
	const version = tx
		.insert(ruleVersions)
		.values({
			villageId,
			number: 1,
			status: 'draft',
			adoptedBy: LIUTIAO_ADOPTION.adoptedBy,
			adoptedOn: LIUTIAO_ADOPTION.adoptedOn,
			resolution: LIUTIAO_ADOPTION.resolution,
			createdBy: committeeUserId
		})
		.returning()
		.get();
	const byName = new Map<string, Rule>();
	LIUTIAO_RULES.forEach((r, i) => {
		const rule = tx
			.insert(rules)
			.values({
				villageId,
				versionId: version.id,
				key: `lt${String(i + 1).padStart(2, '0')}`,
				description: '',
				...r,
				sortOrder: (i + 1) * 10
			})
			.returning()
			.get();
		byName.set(rule.name, rule);
	});
	// Rules go into a draft; publishing freezes them (the triggers allow nothing else).
	tx.update(ruleVersions)
		.set({
			status: 'published',
			publishedAt: LIUTIAO_ADOPTION.publishedAt,
			publishedBy: committeeUserId
		})
		.where(eq(ruleVersions.id, version.id))
		.run();
	return byName;
}

/**
 * The points bank of the demo: 柳条村's rule book, then a few months of ledger history posted
 * through postEntry (so the chain and the balances are real). 马家村 starts without one.
 */
export function seedDemoPoints(tx: Tx, liutiaoVillageId: number): void {
	const committee = tx
		.select({ id: users.id })
		.from(users)
		.where(eq(users.phone, '13800000001'))
		.get();
	const ruleBook = seedDemoRuleBook(tx, liutiaoVillageId, committee?.id ?? null);
	seedDemoLedger(tx, liutiaoVillageId, ruleBook, committee?.id ?? null);
}
