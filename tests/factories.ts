/**
 * Small row factories for integration tests. Each inserts one row with sensible defaults (any
 * field can be overridden) and returns it. Synchronous: pass a precomputed password hash to
 * makeUser (see testPasswordHash) rather than hashing per user.
 */
import { eq } from 'drizzle-orm';
import { hashPassword } from '$lib/server/auth/password';
import { db, type DB, type Tx } from '$lib/server/db';
import {
	households,
	members,
	roleGrants,
	tenGroups,
	users,
	villages,
	type GrantedRole,
	type Household,
	type Member,
	type TenGroup,
	type User,
	type Village
} from '$lib/server/db/schema';

/** Factories write through `db` unless given a transaction to join. */
type Q = DB | Tx;

export const TEST_PASSWORD = 'pass-1234';

let hashed: Promise<string> | undefined;
/** The argon2 hash of TEST_PASSWORD, computed once per test file (hashing takes ~50 ms). */
export function testPasswordHash(): Promise<string> {
	hashed ??= hashPassword(TEST_PASSWORD);
	return hashed;
}

/** Stands in for a hash when the test never logs in: no password verifies against it. */
export const UNUSABLE_PASSWORD_HASH = '!unusable';

// Unique per test file (each file has its own module state and its own database).
let seq = 0;
const next = () => ++seq;

/** A phone no demo account uses (those are 138000000xx). */
export function uniquePhone(): string {
	return `170${String(next()).padStart(8, '0')}`;
}

export function makeVillage(
	overrides: Partial<typeof villages.$inferInsert> = {},
	q: Q = db
): Village {
	const n = next();
	return q
		.insert(villages)
		.values({ name: `测试村${n}`, code: `test-${n}`, town: '测试镇', ...overrides })
		.returning()
		.get();
}

export function makeTenGroup(
	values: { villageId: number } & Partial<typeof tenGroups.$inferInsert>,
	q: Q = db
): TenGroup {
	return q
		.insert(tenGroups)
		.values({ name: `第${next()}联组`, ...values })
		.returning()
		.get();
}

export function makeHousehold(
	values: { villageId: number } & Partial<typeof households.$inferInsert>,
	q: Q = db
): Household {
	return q
		.insert(households)
		.values({ number: `T-${String(next()).padStart(4, '0')}`, ...values })
		.returning()
		.get();
}

/** A member of `householdId`; the village is taken from the household unless given. */
export function makeMember(
	values: { householdId: number } & Partial<typeof members.$inferInsert>,
	q: Q = db
): Member {
	const villageId =
		values.villageId ??
		q
			.select({ villageId: households.villageId })
			.from(households)
			.where(eq(households.id, values.householdId))
			.get()?.villageId;
	if (villageId === undefined) throw new Error(`makeMember: no household ${values.householdId}`);
	return q
		.insert(members)
		.values({ name: `村民${next()}`, birthYear: 1980, relation: '子女', ...values, villageId })
		.returning()
		.get();
}

/** A household with its head (户主) set — the usual starting point for a villager test. */
export function makeFamily(
	values: { villageId: number; tenGroupId?: number | null },
	head: Partial<typeof members.$inferInsert> = {},
	q: Q = db
): { household: Household; head: Member } {
	const household = makeHousehold(values, q);
	const member = makeMember({ householdId: household.id, relation: '户主', ...head }, q);
	q.update(households)
		.set({ headMemberId: member.id })
		.where(eq(households.id, household.id))
		.run();
	return { household: { ...household, headMemberId: member.id }, head: member };
}

export type MakeUser = Partial<typeof users.$inferInsert> & {
	/** Granted roles, in the user's village. */
	roles?: GrantedRole[];
};

/**
 * A login. Linked to `memberId` if given (its name and village default from the member); with
 * roles, the grants are written too. Pass `passwordHash: await testPasswordHash()` to log in.
 */
export function makeUser(values: MakeUser = {}, q: Q = db): User {
	const { roles = [], ...fields } = values;
	const member =
		fields.memberId != null
			? q.select().from(members).where(eq(members.id, fields.memberId)).get()
			: undefined;
	const user = q
		.insert(users)
		.values({
			phone: uniquePhone(),
			name: member?.name ?? `用户${seq}`,
			passwordHash: UNUSABLE_PASSWORD_HASH,
			villageId: member?.villageId ?? null,
			...fields
		})
		.returning()
		.get();
	if (roles.length > 0) {
		if (user.villageId === null) throw new Error('makeUser: roles need a villageId');
		for (const role of roles) {
			q.insert(roleGrants).values({ userId: user.id, villageId: user.villageId, role }).run();
		}
	}
	return user;
}
