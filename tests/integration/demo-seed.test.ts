import { and, count, eq, lt } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verifyPasswordHash } from '$lib/server/auth/password';
import { loadViewer } from '$lib/server/auth/viewer';
import { db, sqlite } from '$lib/server/db';
import { households, members, roleGrants, tenGroups, users, villages } from '$lib/server/db/schema';
import {
	DEMO_ACCOUNTS,
	DEMO_PASSWORD,
	DEMO_PROXY_ELDER,
	seedDemoIfEmpty
} from '$lib/server/demo/seed-demo';
import { can } from '$lib/server/permissions';
import { memberTarget } from '$lib/server/people/targets';

const countOf = (table: typeof villages | typeof households | typeof members | typeof users) =>
	db.select({ n: count() }).from(table).get()?.n ?? 0;

const snapshot = () => ({
	villages: countOf(villages),
	households: countOf(households),
	members: countOf(members),
	users: countOf(users)
});

const village = (code: string) => {
	const v = db.select().from(villages).where(eq(villages.code, code)).get();
	if (!v) throw new Error(`no village ${code}`);
	return v;
};

const userByPhone = (phone: string) => {
	const u = db.select().from(users).where(eq(users.phone, phone)).get();
	if (!u) throw new Error(`no user ${phone}`);
	return u;
};

// One file, one database (setup-db.ts): the tests below run in order against it.
describe('demo seed', () => {
	it('is skipped when SEED_DEMO=false', async () => {
		expect(process.env.SEED_DEMO).toBe('false');
		expect(await seedDemoIfEmpty()).toBe(false);
		expect(countOf(villages)).toBe(0);
	});

	it('seeds an empty database once', async () => {
		process.env.SEED_DEMO = 'true';
		expect(await seedDemoIfEmpty()).toBe(true);
		const after = snapshot();
		expect(await seedDemoIfEmpty()).toBe(false);
		expect(snapshot()).toEqual(after);
	});

	it('creates two villages of about the right size', () => {
		const liutiao = village('liutiao');
		const majia = village('majia');
		expect([liutiao.name, liutiao.town, majia.name, majia.town]).toEqual([
			'柳条村',
			'柳河镇',
			'马家村',
			'柳河镇'
		]);
		const sizes = (villageId: number) => ({
			groups: db
				.select({ n: count() })
				.from(tenGroups)
				.where(eq(tenGroups.villageId, villageId))
				.get()?.n,
			households: db
				.select({ n: count() })
				.from(households)
				.where(eq(households.villageId, villageId))
				.get()?.n,
			members:
				db.select({ n: count() }).from(members).where(eq(members.villageId, villageId)).get()?.n ??
				0
		});
		const lt = sizes(liutiao.id);
		expect(lt).toMatchObject({ groups: 20, households: 200 });
		expect(lt.members).toBeGreaterThanOrEqual(400);
		expect(lt.members).toBeLessThanOrEqual(1000);
		const mj = sizes(majia.id);
		expect(mj).toMatchObject({ groups: 3, households: 30 });
		expect(mj.members).toBeGreaterThanOrEqual(60);
	});

	it('gives every household a head from its own members, and 2–5 members', () => {
		const bad = sqlite
			.prepare(
				`select h.number from households h
				 left join members m on m.id = h.head_member_id and m.household_id = h.id
				 where m.id is null or m.relation <> '户主'
				    or (select count(*) from members x where x.household_id = h.id) not between 2 and 5`
			)
			.all();
		expect(bad).toEqual([]);
	});

	it('gives every group a leader who lives in the group', () => {
		const bad = sqlite
			.prepare(
				`select g.name from ten_groups g
				 left join members m on m.id = g.leader_member_id
				 left join households h on h.id = m.household_id
				 where h.ten_group_id is not g.id`
			)
			.all();
		expect(bad).toEqual([]);
	});

	it('has elderly members with care tags, risk tiers, assistance and 代办 consent', () => {
		const elders = db.select().from(members).where(lt(members.birthYear, 1950)).all();
		const tagged = elders.filter((m) => m.careTags.length > 0);
		expect(tagged.length).toBeGreaterThan(20);
		expect(tagged.every((m) => m.riskTier !== null)).toBe(true);
		expect(elders.some((m) => m.proxyConsent)).toBe(true);
		const assisted = db
			.select()
			.from(members)
			.all()
			.filter((m) => m.assistance !== 'none');
		expect(assisted.length).toBeGreaterThan(0);
	});

	it('gives villagers unique phones that never collide with the demo logins', () => {
		const phones = db
			.select({ phone: members.phone })
			.from(members)
			.all()
			.flatMap((m) => (m.phone ? [m.phone] : []));
		expect(phones.every((p) => /^1\d{10}$/.test(p))).toBe(true);
		expect(new Set(phones).size).toBe(phones.length);
		const demo = new Set<string>(DEMO_ACCOUNTS.map((a) => a.phone));
		expect(phones.filter((p) => p.startsWith('138000000') && !demo.has(p))).toEqual([]);
	});

	it('creates every demo account with its role, name, village and password', async () => {
		for (const a of DEMO_ACCOUNTS) {
			const user = userByPhone(a.phone);
			expect(user.name).toBe(a.name);
			expect(user.villageId).toBe(a.villageCode === null ? null : village(a.villageCode).id);
			if (user.memberId !== null) {
				const member = db.select().from(members).where(eq(members.id, user.memberId)).get();
				expect(member).toMatchObject({ name: a.name, phone: a.phone, villageId: user.villageId });
			} else {
				expect(a.role).toBe('town_admin');
			}
			expect(loadViewer(user).roles).toContain(a.role);
		}
		expect(await verifyPasswordHash(userByPhone('13800000001').passwordHash, DEMO_PASSWORD)).toBe(
			true
		);
	});

	it('grants only committee, shopkeeper and team leader roles', () => {
		const grants = db
			.select({ phone: users.phone, role: roleGrants.role })
			.from(roleGrants)
			.innerJoin(users, eq(users.id, roleGrants.userId))
			.orderBy(users.phone)
			.all();
		expect(grants).toEqual([
			{ phone: '13800000001', role: 'committee' },
			{ phone: '13800000002', role: 'shopkeeper' },
			{ phone: '13800000003', role: 'team_leader' },
			{ phone: '13800000006', role: 'committee' },
			{ phone: '13800000011', role: 'committee' }
		]);
	});

	it('makes 13800000005 head of LT-001, in 第1联组 led by 13800000004, with an elder for 代办', () => {
		const liutiao = village('liutiao');
		const lt001 = db
			.select()
			.from(households)
			.where(and(eq(households.villageId, liutiao.id), eq(households.number, 'LT-001')))
			.get();
		expect(lt001?.headMemberId).toBe(userByPhone('13800000005').memberId);
		const group = db
			.select()
			.from(tenGroups)
			.where(eq(tenGroups.id, lt001?.tenGroupId ?? -1))
			.get();
		expect(group?.name).toBe('第1联组');
		expect(group?.leaderMemberId).toBe(userByPhone('13800000004').memberId);

		const elder = db
			.select()
			.from(members)
			.where(and(eq(members.householdId, lt001?.id ?? -1), eq(members.name, DEMO_PROXY_ELDER.name)))
			.get();
		expect(elder).toMatchObject({ proxyConsent: true });
		expect(elder?.birthYear).toBeLessThan(1950);
		// Both the son (户主) and the 十户长 may act for her; a shopkeeper from elsewhere may not.
		const target = memberTarget(elder?.id ?? -1);
		expect(can(loadViewer(userByPhone('13800000005')), 'member:act_for', target)).toBe(true);
		expect(can(loadViewer(userByPhone('13800000004')), 'member:act_for', target)).toBe(true);
		expect(can(loadViewer(userByPhone('13800000002')), 'member:act_for', target)).toBe(false);
	});
});

describe('demo seed on a database in use', () => {
	it('does not seed when a login already exists', async () => {
		// Remove the demo data, then leave one real login behind: the database is "in use".
		// The ledger and published rule books are append-only (triggers), so they go first.
		sqlite.exec(`drop trigger ledger_entries_no_delete; drop trigger rules_frozen_delete;
			drop trigger rule_versions_frozen_delete;
			delete from event_signups; delete from events;
			delete from ledger_entries; delete from rules; delete from rule_versions;
			delete from stock_movements; delete from shop_items;
			delete from care_visits;
			delete from team_members; delete from volunteer_teams;
			delete from role_grants; delete from users where phone <> '13800000000';
			update households set head_member_id = null; update ten_groups set leader_member_id = null;
			delete from members; delete from households; delete from ten_groups; delete from villages;`);
		expect(countOf(villages)).toBe(0);
		expect(await seedDemoIfEmpty()).toBe(false);
		expect(snapshot()).toEqual({ villages: 0, households: 0, members: 0, users: 1 });
	});

	it('does not seed when a village already exists', async () => {
		sqlite.exec(`delete from users`);
		db.insert(villages).values({ name: '真实村', code: 'real' }).run();
		expect(await seedDemoIfEmpty()).toBe(false);
		expect(snapshot()).toEqual({ villages: 1, households: 0, members: 0, users: 0 });
	});
});
