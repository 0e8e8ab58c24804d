import { count } from 'drizzle-orm';
import { db, write, type Tx } from '$lib/server/db';
import {
	GRANTED_ROLES,
	roleGrants,
	users,
	villages,
	type GrantedRole
} from '$lib/server/db/schema';
import { hashPassword } from '$lib/server/auth/password';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts';
import { insertVillagePlan, type InsertedVillage } from './insert';
import { planVillage } from './plan';
import { mulberry32 } from './prng';
import { seedDemoPoints } from './rule-book';
import { seedDemoShop } from './shop';
import { seedDemoTeams } from './teams';
import { seedDemoCare } from './care';
import { seedDemoEvents } from './events';
import { DEMO_VILLAGES } from './villages';

export { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_PROXY_ELDER } from './accounts';

export type DemoSummary = {
	villages: {
		code: string;
		name: string;
		villageId: number;
		households: number;
		members: number;
	}[];
	accounts: number;
};

const isGranted = (role: string): role is GrantedRole =>
	(GRANTED_ROLES as readonly string[]).includes(role);

/**
 * Writes the demo villages and logins inside the caller's transaction (tests seed a fresh
 * temporary database this way). `passwordHash` is the hash of DEMO_PASSWORD, computed by the
 * caller because hashing is async and a better-sqlite3 transaction must not await.
 */
export function seedDemo(tx: Tx, passwordHash: string): DemoSummary {
	// Shared across villages so no two villagers anywhere get the same phone.
	const phones = new Set<string>(DEMO_ACCOUNTS.map((a) => a.phone));
	const inserted = new Map<string, InsertedVillage>();
	const summary: DemoSummary = { villages: [], accounts: 0 };
	for (const spec of DEMO_VILLAGES) {
		const plan = planVillage(spec, mulberry32(spec.seed), phones);
		const v = insertVillagePlan(tx, plan);
		inserted.set(spec.code, v);
		summary.villages.push({
			code: spec.code,
			name: spec.name,
			villageId: v.villageId,
			households: v.households,
			members: v.members
		});
	}

	for (const a of DEMO_ACCOUNTS) {
		const village = a.villageCode === null ? null : inserted.get(a.villageCode);
		const memberId = village?.memberIdByPhone.get(a.phone) ?? null;
		if (a.villageCode !== null && memberId === null) {
			throw new Error(`demo account ${a.phone} has no member in ${a.villageCode}`);
		}
		const villageId = village?.villageId ?? null;
		const { id: userId } = tx
			.insert(users)
			.values({
				phone: a.phone,
				name: a.name,
				passwordHash,
				memberId,
				villageId,
				isTownAdmin: a.role === 'town_admin'
			})
			.returning({ id: users.id })
			.get();
		if (villageId !== null && isGranted(a.role)) {
			tx.insert(roleGrants).values({ userId, villageId, role: a.role }).run();
		}
		summary.accounts++;
	}
	// The points bank: 柳条村's rule book and a few months of ledger history.
	const liutiao = inserted.get('liutiao');
	if (liutiao) seedDemoPoints(tx, liutiao.villageId);
	// Its points supermarket: 30 items with stock and a few donations.
	if (liutiao) seedDemoShop(tx, liutiao.villageId);
	// A volunteer team led by the demo team leader (13800000003).
	if (liutiao) seedDemoTeams(tx, liutiao.villageId, '13800000003');
	// Its 巡访关爱 team and a few care visits, so the worklist shows due, overdue and done.
	if (liutiao) seedDemoCare(tx, liutiao.villageId, '13800000004');
	// Its 睦邻 events: one today (check-in open all day), two in the coming weeks.
	if (liutiao) seedDemoEvents(tx, liutiao.villageId, '13800000001');
	return summary;
}

/**
 * "Empty" means no villages and no logins: a database where someone already created a town
 * admin or a village through the CLI is a real one, and demo people must never appear in it.
 */
function isEmpty(q: Tx | typeof db): boolean {
	const [v] = q.select({ n: count() }).from(villages).all();
	const [u] = q.select({ n: count() }).from(users).all();
	return (v?.n ?? 0) === 0 && (u?.n ?? 0) === 0;
}

/**
 * Seeds the demo villages when the database is new, unless SEED_DEMO=false. Returns whether it
 * seeded. All of it is one transaction: a crash midway leaves the database empty, and the next
 * start tries again.
 */
export async function seedDemoIfEmpty(): Promise<boolean> {
	if (process.env.SEED_DEMO === 'false' || !isEmpty(db)) return false;
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	return write((tx) => {
		// Checked again under the write lock: another process may have seeded while we hashed.
		if (!isEmpty(tx)) return false;
		seedDemo(tx, passwordHash);
		return true;
	});
}
