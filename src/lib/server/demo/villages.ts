import { demoAccount, DEMO_PROXY_ELDER } from './accounts';
import { person, type MemberPlan, type VillageSpec } from './types';

const account = (phone: Parameters<typeof demoAccount>[0]) => {
	const a = demoAccount(phone);
	return { name: a.name, phone: a.phone };
};

/**
 * 柳条村's fixed households: the people behind the demo logins. LT-001 and LT-002 fall in
 * 第1联组, whose leader is LT-002's head, so the 十户长 can act (代办) for LT-001's elder.
 */
const LIUTIAO_PINNED: Record<number, readonly MemberPlan[]> = {
	0: [
		person({ ...account('13800000005'), gender: 'male', birthYear: 1968, relation: '户主' }),
		person({
			name: '王淑芬',
			gender: 'female',
			birthYear: 1970,
			relation: '配偶',
			mayActForHousehold: true
		}),
		person({
			name: DEMO_PROXY_ELDER.name,
			gender: 'female',
			birthYear: 1938,
			relation: '母亲',
			careTags: ['高龄'],
			riskTier: 'medium',
			proxyConsent: true
		}),
		person({ name: '刘晓雨', gender: 'female', birthYear: 1996, relation: '子女' })
	],
	1: [
		person({ ...account('13800000004'), gender: 'male', birthYear: 1964, relation: '户主' }),
		person({ name: '吴春梅', gender: 'female', birthYear: 1966, relation: '配偶' }),
		person({ name: '周浩然', gender: 'male', birthYear: 1992, relation: '子女' })
	],
	20: [
		person({ ...account('13800000006'), gender: 'male', birthYear: 1969, relation: '户主' }),
		person({ ...account('13800000001'), gender: 'female', birthYear: 1971, relation: '配偶' }),
		person({ name: '李欣怡', gender: 'female', birthYear: 2003, relation: '子女' })
	],
	46: [
		person({ name: '赵国强', gender: 'male', birthYear: 1960, relation: '户主' }),
		person({ name: '钱玉兰', gender: 'female', birthYear: 1962, relation: '配偶' }),
		person({ ...account('13800000002'), gender: 'female', birthYear: 1987, relation: '子女' })
	],
	87: [
		person({ name: '孙长福', gender: 'male', birthYear: 1955, relation: '户主' }),
		person({ name: '郑桂芝', gender: 'female', birthYear: 1957, relation: '配偶' }),
		person({ ...account('13800000003'), gender: 'male', birthYear: 1982, relation: '子女' }),
		person({ name: '孙梓涵', gender: 'female', birthYear: 2012, relation: '孙子女' })
	]
};

const MAJIA_PINNED: Record<number, readonly MemberPlan[]> = {
	0: [
		person({ name: '马德胜', gender: 'male', birthYear: 1956, relation: '户主' }),
		person({ name: '杨秀兰', gender: 'female', birthYear: 1958, relation: '配偶' }),
		person({ ...account('13800000011'), gender: 'female', birthYear: 1983, relation: '子女' })
	]
};

export const DEMO_VILLAGES: readonly VillageSpec[] = [
	{
		name: '柳条村',
		code: 'liutiao',
		town: '柳河镇',
		seed: 20240601,
		prefix: 'LT',
		households: 200,
		groupSize: 10,
		villagerGroups: ['一组', '二组', '三组', '四组', '五组', '六组'],
		clan: ['刘', '李', '张'],
		clanShare: 0.35,
		pinned: LIUTIAO_PINNED
	},
	{
		name: '马家村',
		code: 'majia',
		town: '柳河镇',
		seed: 20240602,
		prefix: 'MJ',
		households: 30,
		groupSize: 10,
		villagerGroups: ['一组', '二组', '三组'],
		clan: ['马'],
		clanShare: 0.6,
		pinned: MAJIA_PINNED
	}
];
