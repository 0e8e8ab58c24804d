import type { Rng } from './prng';

const list = (names: string) => names.split(' ');

/** Common surnames, roughly by frequency; a village's own clan surnames are passed in on top. */
const SURNAMES = list('王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 胡 朱 高 林 何 郭 马 罗');

export type Gender = 'male' | 'female';

// Given names follow the fashions of each generation, so a 1940 grandmother is a 桂兰 and a
// 2015 granddaughter a 梓涵 — the demo reads like a real register.
const GIVEN = {
	old: {
		male: list('建国 德福 长顺 国庆 振华 永贵 福生 有才 保国 金山 玉田 树林 春生 守义'),
		female: list('秀英 桂兰 玉兰 淑珍 凤英 秀兰 桂芝 玉珍 素芳 翠花 金凤 月娥 淑华 秀珍')
	},
	middle: {
		male: list('建军 志强 卫东 海涛 立新 红军 建华 国强 永刚 晓东 伟 勇 军 斌'),
		female: list('丽华 红梅 晓燕 丽娟 春梅 海燕 玉梅 静 霞 艳 丽 秀梅 翠萍 美玲')
	},
	young: {
		male: list('浩然 子轩 宇航 俊杰 一鸣 梓豪 博文 天佑 家乐 思远 明轩 睿 浩 鑫'),
		female: list('欣怡 梓涵 雨桐 诗琪 佳怡 思雨 可馨 梦瑶 若曦 紫萱 晓雨 婷 雪 悦')
	}
};

function generation(birthYear: number): keyof typeof GIVEN {
	if (birthYear < 1960) return 'old';
	if (birthYear < 1990) return 'middle';
	return 'young';
}

/** A surname: the village's clan names (e.g. 马 in 马家村) come up `clanShare` of the time. */
export function pickSurname(rng: Rng, clan: readonly string[] = [], clanShare = 0): string {
	if (clan.length > 0 && rng.chance(clanShare)) return rng.pick(clan);
	return rng.pick(SURNAMES);
}

export function pickGivenName(rng: Rng, gender: Gender, birthYear: number): string {
	return rng.pick(GIVEN[generation(birthYear)][gender]);
}
