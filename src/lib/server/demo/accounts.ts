import type { Role } from '$lib/server/auth/viewer';

/** Every demo login shares this password; it is printed in the README and on the login page. */
export const DEMO_PASSWORD = 'jishan-demo';

export type DemoAccount = {
	phone: string;
	/** The role this account is there to demonstrate (it may hold others that follow from data). */
	role: Extract<
		Role,
		'town_admin' | 'committee' | 'shopkeeper' | 'team_leader' | 'group_leader' | 'household_head'
	>;
	/** null for the town admin, who sits above the villages. */
	villageCode: string | null;
	/** Equals the linked member's name, so the header shows who you are. */
	name: string;
};

/**
 * One login per role. The phones 138000000xx are reserved for these: generated villagers never
 * get a 138 number, so a demo phone always means a demo account.
 */
export const DEMO_ACCOUNTS = [
	{ phone: '13800000000', role: 'town_admin', villageCode: null, name: '镇管理员' },
	{ phone: '13800000001', role: 'committee', villageCode: 'liutiao', name: '王秀英' },
	{ phone: '13800000002', role: 'shopkeeper', villageCode: 'liutiao', name: '赵丽华' },
	{ phone: '13800000003', role: 'team_leader', villageCode: 'liutiao', name: '孙志强' },
	{ phone: '13800000004', role: 'group_leader', villageCode: 'liutiao', name: '周德明' },
	{ phone: '13800000005', role: 'household_head', villageCode: 'liutiao', name: '刘建国' },
	// A second committee member: whoever records a slip (e.g. an inspection) can't approve it.
	{ phone: '13800000006', role: 'committee', villageCode: 'liutiao', name: '李卫东' },
	{ phone: '13800000011', role: 'committee', villageCode: 'majia', name: '马玉梅' }
] as const satisfies readonly DemoAccount[];

/** The elder in household LT-001 who has agreed to 代办: her son (户主) or her 十户长 can act for her. */
export const DEMO_PROXY_ELDER = { name: '陈桂兰', householdNumber: 'LT-001' } as const;

export function demoAccount(phone: (typeof DEMO_ACCOUNTS)[number]['phone']): DemoAccount {
	const account = DEMO_ACCOUNTS.find((a) => a.phone === phone);
	if (!account) throw new Error(`no demo account ${phone}`);
	return account;
}
