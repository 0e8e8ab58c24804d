import { eq } from 'drizzle-orm';
import type { Tx } from '$lib/server/db';
import { shopItems, users, type FundingSource } from '$lib/server/db/schema';
import { moveStock } from '$lib/server/shop/move-stock';

/**
 * 柳条村's points supermarket (积分超市): 30 kinds of goods at 600–1000 points, bought in with
 * village collective money when the online points bank opened, and a few donations since —
 * written through moveStock, so each item's stock is exactly the sum of its movements.
 */
const ITEMS: [
	category: string,
	name: string,
	points: number,
	stock: number,
	limit: number | null
][] = [
	['粮油', '东北大米 5 公斤', 800, 30, 2],
	['粮油', '压榨花生油 1.8 升', 900, 24, 1],
	['粮油', '富强面粉 5 公斤', 700, 30, 2],
	['粮油', '挂面 2 公斤', 600, 40, 2],
	['粮油', '小米 2 公斤', 650, 20, 2],
	['调味', '酱油醋礼盒', 650, 20, 1],
	['调味', '食用盐 5 袋装', 600, 40, 1],
	['日用品', '洗衣粉 2 公斤', 650, 30, 2],
	['日用品', '洗洁精 2 瓶', 600, 30, 2],
	['日用品', '卷纸 10 卷', 700, 30, 2],
	['日用品', '纯棉毛巾 2 条', 600, 36, 2],
	['日用品', '牙膏牙刷套装', 650, 30, 1],
	['日用品', '香皂 4 块', 600, 30, 1],
	['日用品', '洗发水', 750, 20, 1],
	['日用品', '暖水瓶', 850, 12, 1],
	['日用品', '雨伞', 700, 15, 1],
	['厨具', '不锈钢炒锅', 1000, 8, 1],
	['厨具', '菜刀', 800, 10, 1],
	['厨具', '保鲜盒套装', 700, 15, 1],
	['厨具', '碗筷套装', 750, 12, 1],
	['文具', '学生书包', 950, 10, 1],
	['文具', '作业本 20 本', 600, 30, 1],
	['文具', '文具礼盒', 650, 20, 1],
	['家电', '电热水壶', 1000, 8, 1],
	['家电', 'LED 台灯', 950, 10, 1],
	['家电', '手电筒', 650, 15, 1],
	['农资', '复合肥 10 公斤', 900, 20, 2],
	['农资', '蔬菜种子礼包', 600, 25, 2],
	['农资', '劳保手套 10 双', 600, 30, 2],
	['农资', '喷壶', 700, 12, 1]
];

const DONATIONS: [
	item: string,
	quantity: number,
	donor: string,
	source: FundingSource,
	yuan: number | null,
	date: string
][] = [
	['东北大米 5 公斤', 20, '柳河镇农商银行', '共建单位', 1200, '2026-06-15'],
	['学生书包', 15, '县供电公司党支部', '共建单位', 1350, '2026-08-25'],
	['纯棉毛巾 2 条', 30, '在外乡贤 刘志强', '社会捐赠', 600, '2026-09-10'],
	['复合肥 10 公斤', 10, '柳条村股份经济合作社', '村集体', 800, '2026-10-08'],
	['电热水壶', 6, '爱心企业 河源家电', '社会捐赠', null, '2026-11-05']
];

/** Noon in the village (UTC+8) on `date`. */
const day = (date: string) => new Date(`${date}T04:00:00Z`);

export function seedDemoShop(tx: Tx, villageId: number): void {
	const shopkeeper =
		tx.select({ id: users.id }).from(users).where(eq(users.phone, '13800000002')).get()?.id ?? null;
	const byName = new Map<string, number>();
	ITEMS.forEach(([category, name, pointsPrice, stock, monthlyLimit], i) => {
		const item = tx
			.insert(shopItems)
			.values({
				villageId,
				name,
				category,
				pointsPrice,
				monthlyLimit,
				sortOrder: i,
				createdAt: day('2026-04-01')
			})
			.returning({ id: shopItems.id })
			.get();
		byName.set(name, item.id);
		moveStock(tx, {
			villageId,
			itemId: item.id,
			kind: 'purchase',
			quantity: stock,
			fundingSource: '村集体',
			valueYuan: Math.round((pointsPrice / 10) * stock),
			reason: '积分超市开业首批采购',
			actorUserId: shopkeeper,
			at: day('2026-04-01')
		});
	});
	for (const [name, quantity, donor, fundingSource, valueYuan, date] of DONATIONS) {
		const itemId = byName.get(name);
		if (itemId === undefined) throw new Error(`demo shop: no item ${name}`);
		moveStock(tx, {
			villageId,
			itemId,
			kind: 'donation',
			quantity,
			donor,
			fundingSource,
			valueYuan,
			actorUserId: shopkeeper,
			at: day(date)
		});
	}
}
