import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '$lib/server/accounts/create-account';
import { findMembersWithoutLogin } from '$lib/server/accounts/find-members-without-login';
import { getAccount } from '$lib/server/accounts/get-account';
import { grantRole } from '$lib/server/accounts/grant-role';
import { listAccounts } from '$lib/server/accounts/list-accounts';
import { resetPassword } from '$lib/server/accounts/reset-password';
import { revokeRole } from '$lib/server/accounts/revoke-role';
import { setAccountActive } from '$lib/server/accounts/set-account-active';
import {
	accountCreate,
	accountGet,
	accountResetPassword
} from '$lib/server/api/endpoints/accounts';
import { logIn } from '$lib/server/auth/log-in';
import { phoneLimiter } from '$lib/server/auth/rate-limit';
import {
	createSession,
	generateSessionToken,
	validateSessionToken
} from '$lib/server/auth/session';
import { loadViewer, type Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import {
	apiTokens,
	auditLog,
	roleGrants,
	sessions,
	users,
	type Member,
	type User,
	type Village
} from '$lib/server/db/schema';
import { DomainError, type ErrorCode } from '$lib/server/errors';
import {
	makeFamily,
	makeMember,
	makeTenGroup,
	makeUser,
	makeVillage,
	TEST_PASSWORD,
	testPasswordHash,
	uniquePhone
} from '../factories';
import { callEndpoint } from './api-helpers';

/** What "nothing changed" compares: every login, grant, session and the audit count. */
const snapshot = () => ({
	users: db.select().from(users).orderBy(users.id).all(),
	grants: db.select().from(roleGrants).all(),
	sessions: db.select().from(sessions).orderBy(sessions.id).all(),
	audit: db.select({ n: count() }).from(auditLog).get()?.n
});

/** Awaits `fn`, expects a DomainError with `code`, and that nothing in the database changed. */
async function expectRefused(code: ErrorCode, fn: () => unknown): Promise<void> {
	const before = snapshot();
	let caught: unknown;
	try {
		await fn();
	} catch (e) {
		caught = e;
	}
	expect(caught).toBeInstanceOf(DomainError);
	expect((caught as DomainError).code).toBe(code);
	expect(snapshot()).toEqual(before);
}

const sessionsOf = (userId: number) =>
	db.select().from(sessions).where(eq(sessions.userId, userId)).all();
const lastAudit = () => db.select().from(auditLog).orderBy(auditLog.id).all().at(-1);

let liutiao: Village;
let majia: Village;
let committeeUser: User;
let committee: Viewer;
let majiaCommittee: Viewer;
/** A member of 柳条村 with a phone and no login yet. */
let villagerMember: Member;
let villagerUser: User;

beforeAll(async () => {
	const hash = await testPasswordHash();
	liutiao = makeVillage({ name: '柳条村', code: 'liutiao-t' });
	majia = makeVillage({ name: '马家村', code: 'majia-t' });
	const group = makeTenGroup({ villageId: liutiao.id });
	const committeeHome = makeFamily({ villageId: liutiao.id, tenGroupId: group.id });
	committeeUser = makeUser({
		memberId: committeeHome.head.id,
		roles: ['committee'],
		passwordHash: hash
	});
	committee = loadViewer(committeeUser);
	const majiaHome = makeFamily({ villageId: majia.id });
	majiaCommittee = loadViewer(makeUser({ memberId: majiaHome.head.id, roles: ['committee'] }));

	const family = makeFamily({ villageId: liutiao.id, tenGroupId: group.id });
	villagerMember = makeMember({ householdId: family.household.id, phone: uniquePhone() });
	villagerUser = makeUser({ memberId: family.head.id, passwordHash: hash });
});

describe('creating a login for a member', () => {
	it("uses the member's phone by default, links the member, grants roles and records it", async () => {
		const { userId } = await createAccount(committee, {
			memberId: villagerMember.id,
			password: 'new-pass-123',
			roles: ['shopkeeper']
		});
		const user = db.select().from(users).where(eq(users.id, userId)).get()!;
		expect(user).toMatchObject({
			phone: villagerMember.phone,
			name: villagerMember.name,
			memberId: villagerMember.id,
			villageId: liutiao.id,
			active: true,
			isTownAdmin: false
		});
		expect(await logIn({ phone: user.phone, password: 'new-pass-123' }, '10.0.0.1')).toBe(userId);
		expect(loadViewer(user).roles).toEqual(expect.arrayContaining(['villager', 'shopkeeper']));
		expect(lastAudit()).toMatchObject({
			villageId: liutiao.id,
			actorUserId: committee.userId,
			action: 'account.create',
			subjectType: 'user',
			subjectId: userId
		});
		// The password is never written to the audit log.
		expect(JSON.stringify(lastAudit()?.detail)).not.toContain('new-pass-123');
	});

	it('takes a phone the committee types instead', async () => {
		const home = makeFamily({ villageId: liutiao.id }, { phone: null });
		const phone = uniquePhone();
		const { userId } = await createAccount(committee, {
			memberId: home.head.id,
			phone,
			password: 'another-pass'
		});
		expect(getAccount(committee, userId).phone).toBe(phone);
	});

	it('refuses a second login for the same member, and changes nothing', async () => {
		await expectRefused('member_has_account', () =>
			createAccount(committee, {
				memberId: villagerMember.id,
				phone: uniquePhone(),
				password: 'x-12345678'
			})
		);
	});

	it('refuses a phone another user already has (phone_taken), and changes nothing', async () => {
		const home = makeFamily({ villageId: liutiao.id });
		await expectRefused('phone_taken', () =>
			createAccount(committee, {
				memberId: home.head.id,
				phone: committeeUser.phone,
				password: 'x-12345678'
			})
		);
		// The same through the API: 409 with the stable code.
		const before = snapshot();
		const res = await callEndpoint(accountCreate, {
			viewer: committee,
			body: { memberId: home.head.id, phone: committeeUser.phone, password: 'x-12345678' }
		});
		expect(res.status).toBe(409);
		expect(res.body.error.code).toBe('phone_taken');
		expect(snapshot()).toEqual(before);
	});

	it('asks for a phone when the member has none', async () => {
		const home = makeFamily({ villageId: liutiao.id }, { phone: null });
		await expectRefused('validation', () =>
			createAccount(committee, { memberId: home.head.id, password: 'x-12345678' })
		);
	});

	it('refuses a short password before anything is written', async () => {
		const home = makeFamily({ villageId: liutiao.id });
		const before = snapshot();
		await expect(
			createAccount(committee, { memberId: home.head.id, password: 'short' })
		).rejects.toThrow();
		expect(snapshot()).toEqual(before);
	});

	it("answers not_found for another village's member", async () => {
		const home = makeFamily({ villageId: majia.id });
		await expectRefused('not_found', () =>
			createAccount(committee, { memberId: home.head.id, password: 'x-12345678' })
		);
	});

	it('is for the committee only', async () => {
		const shopkeeper = loadViewer(makeUser({ villageId: liutiao.id, roles: ['shopkeeper'] }));
		const home = makeFamily({ villageId: liutiao.id });
		await expectRefused('forbidden', () =>
			createAccount(shopkeeper, { memberId: home.head.id, password: 'x-12345678' })
		);
	});

	it('lists members without a login by name or 户号, and no longer once they have one', async () => {
		const home = makeFamily({ villageId: liutiao.id }, { name: '欧阳春花', phone: uniquePhone() });
		expect(findMembersWithoutLogin(committee, liutiao.id, { q: '欧阳' }).map((r) => r.id)).toEqual([
			home.head.id
		]);
		expect(
			findMembersWithoutLogin(committee, liutiao.id, { q: home.household.number }).map((r) => r.id)
		).toContain(home.head.id);
		await createAccount(committee, { memberId: home.head.id, password: 'x-12345678' });
		expect(findMembersWithoutLogin(committee, liutiao.id, { q: '欧阳' })).toEqual([]);
	});
});

describe('resetting a password', () => {
	it("ends all of that user's sessions and tokens; the new password works and the old one doesn't", async () => {
		const tokens = [generateSessionToken(), generateSessionToken()];
		for (const t of tokens) createSession(t, villagerUser.id);
		const bystander = generateSessionToken();
		createSession(bystander, committeeUser.id);
		db.insert(apiTokens)
			.values({ userId: villagerUser.id, name: 'app', tokenHash: `hash-${villagerUser.id}` })
			.run();
		expect(sessionsOf(villagerUser.id)).toHaveLength(2);
		// A villager who locked themself out by guessing gets a fresh start with the new password.
		for (let i = 0; i < 10; i++) phoneLimiter.recordFailure(villagerUser.phone);

		const result = await resetPassword(committee, villagerUser.id, { password: 'fresh-pass-1' });

		expect(result.endedSessions).toBe(2);
		expect(sessionsOf(villagerUser.id)).toEqual([]);
		for (const t of tokens) expect(validateSessionToken(t).session).toBeNull();
		expect(validateSessionToken(bystander).session).not.toBeNull();
		const token = db.select().from(apiTokens).where(eq(apiTokens.userId, villagerUser.id)).get();
		expect(token?.revokedAt).not.toBeNull();
		expect(await logIn({ phone: villagerUser.phone, password: 'fresh-pass-1' }, '10.0.0.2')).toBe(
			villagerUser.id
		);
		await expect(
			logIn({ phone: villagerUser.phone, password: TEST_PASSWORD }, '10.0.0.2')
		).rejects.toMatchObject({ code: 'invalid_credentials' });
		expect(lastAudit()).toMatchObject({
			action: 'account.reset_password',
			actorUserId: committee.userId,
			subjectId: villagerUser.id
		});
	});

	it('works through the API, which answers 404 across villages', async () => {
		const ok = await callEndpoint(accountResetPassword, {
			viewer: committee,
			params: { id: String(villagerUser.id) },
			body: { password: 'api-pass-123' }
		});
		expect(ok.status).toBe(200);
		expect(ok.body).toEqual({ endedSessions: 0 });
		const before = snapshot();
		const cross = await callEndpoint(accountResetPassword, {
			viewer: majiaCommittee,
			params: { id: String(villagerUser.id) },
			body: { password: 'api-pass-456' }
		});
		expect(cross.status).toBe(404);
		expect(cross.body.error.code).toBe('not_found');
		expect(snapshot()).toEqual(before);
	});
});

describe('deactivating and reactivating', () => {
	it('ends sessions, blocks login, keeps the row; reactivating lets the user back in', async () => {
		const user = makeUser({
			memberId: makeFamily({ villageId: liutiao.id }).head.id,
			passwordHash: await testPasswordHash()
		});
		const token = generateSessionToken();
		createSession(token, user.id);

		expect(setAccountActive(committee, user.id, { active: false })).toEqual({
			active: false,
			changed: true
		});
		expect(sessionsOf(user.id)).toEqual([]);
		expect(validateSessionToken(token).session).toBeNull();
		await expect(
			logIn({ phone: user.phone, password: TEST_PASSWORD }, '10.0.0.3')
		).rejects.toMatchObject({ code: 'invalid_credentials' });
		expect(db.select().from(users).where(eq(users.id, user.id)).get()?.active).toBe(false);
		expect(lastAudit()).toMatchObject({ action: 'account.deactivate', subjectId: user.id });

		setAccountActive(committee, user.id, { active: 'true' });
		expect(await logIn({ phone: user.phone, password: TEST_PASSWORD }, '10.0.0.3')).toBe(user.id);
		expect(lastAudit()).toMatchObject({ action: 'account.reactivate', subjectId: user.id });
	});

	it('refuses to let committee members deactivate themselves', async () => {
		await expectRefused('self_lockout', () =>
			setAccountActive(committee, committee.userId, { active: false })
		);
	});
});

describe('granting and revoking roles', () => {
	it('shows a granted role in loadViewer, and takes it away on revoke', () => {
		const user = makeUser({ memberId: makeFamily({ villageId: liutiao.id }).head.id });
		expect(loadViewer(user).roles).not.toContain('team_leader');

		expect(grantRole(committee, user.id, { role: 'team_leader' })).toEqual({ changed: true });
		expect(loadViewer(user).roles).toContain('team_leader');
		expect(lastAudit()).toMatchObject({
			action: 'role.grant',
			subjectId: user.id,
			detail: { role: 'team_leader' }
		});
		// Granting twice is a no-op, not a second row.
		expect(grantRole(committee, user.id, { role: 'team_leader' })).toEqual({ changed: false });
		expect(getAccount(committee, user.id).grantedRoles).toEqual(['team_leader']);

		expect(revokeRole(committee, user.id, { role: 'team_leader' })).toEqual({ changed: true });
		expect(loadViewer(user).roles).not.toContain('team_leader');
		expect(lastAudit()).toMatchObject({ action: 'role.revoke', subjectId: user.id });
	});

	it('lets one committee member remove another from the committee', () => {
		const other = makeUser({ villageId: liutiao.id, roles: ['committee'] });
		revokeRole(committee, other.id, { role: 'committee' });
		expect(loadViewer(other).roles).not.toContain('committee');
	});

	it('refuses to let committee members revoke their own committee role', async () => {
		await expectRefused('self_lockout', () =>
			revokeRole(committee, committee.userId, { role: 'committee' })
		);
		expect(loadViewer(committeeUser).roles).toContain('committee');
	});

	it('refuses roles that are not granted ones', async () => {
		const user = makeUser({ villageId: liutiao.id });
		const before = snapshot();
		expect(() => grantRole(committee, user.id, { role: 'household_head' as never })).toThrow();
		expect(snapshot()).toEqual(before);
	});
});

describe('tenant isolation and who may manage accounts', () => {
	it('answers not_found for a user id of another village, for every action, and changes nothing', async () => {
		const majiaUser = makeUser({ villageId: majia.id, roles: ['shopkeeper'] });
		await expectRefused('not_found', () => getAccount(committee, majiaUser.id));
		await expectRefused('not_found', () =>
			resetPassword(committee, majiaUser.id, { password: 'x-12345678' })
		);
		await expectRefused('not_found', () =>
			setAccountActive(committee, majiaUser.id, { active: false })
		);
		await expectRefused('not_found', () =>
			grantRole(committee, majiaUser.id, { role: 'committee' })
		);
		await expectRefused('not_found', () =>
			revokeRole(committee, majiaUser.id, { role: 'shopkeeper' })
		);
		await expectRefused('not_found', () => listAccounts(committee, majia.id));
		const res = await callEndpoint(accountGet, {
			viewer: committee,
			params: { id: String(majiaUser.id) }
		});
		expect(res.status).toBe(404);
	});

	it('answers not_found for a town admin account and for an unknown id', async () => {
		const admin = makeUser({ isTownAdmin: true, villageId: null });
		await expectRefused('not_found', () =>
			resetPassword(committee, admin.id, { password: 'x-12345678' })
		);
		await expectRefused('not_found', () => getAccount(committee, 999_999));
	});

	it('forbids villagers and staff other than the committee', async () => {
		const shopkeeper = loadViewer(makeUser({ villageId: liutiao.id, roles: ['shopkeeper'] }));
		await expectRefused('forbidden', () => listAccounts(shopkeeper, liutiao.id));
		await expectRefused('forbidden', () =>
			grantRole(shopkeeper, villagerUser.id, { role: 'shopkeeper' })
		);
		await expectRefused('forbidden', () =>
			resetPassword(loadViewer(villagerUser), committeeUser.id, { password: 'x-12345678' })
		);
		await expectRefused('unauthenticated', () => listAccounts(null, liutiao.id));
	});
});

describe('the accounts list', () => {
	it("lists only the village's logins, with derived and granted roles, searchable", () => {
		const list = listAccounts(committee, liutiao.id);
		expect(list.accounts.length).toBeGreaterThan(0);
		const ids = db
			.select({ id: users.id })
			.from(users)
			.where(eq(users.villageId, majia.id))
			.all()
			.map((u) => u.id);
		expect(list.accounts.some((a) => ids.includes(a.id))).toBe(false);
		const me = list.accounts.find((a) => a.id === committee.userId)!;
		expect(me.roles).toEqual(['committee', 'household_head', 'villager']);
		expect(me.grantedRoles).toEqual(['committee']);
		expect(me.householdNumber).not.toBeNull();

		const found = listAccounts(committee, liutiao.id, { q: committeeUser.phone.slice(-5) });
		expect(found.accounts.map((a) => a.id)).toContain(committee.userId);
		expect(listAccounts(committee, liutiao.id, { q: '不存在的名字' }).total).toBe(0);
	});

	it('shows a 十户长 as group leader', () => {
		const home = makeFamily({ villageId: liutiao.id });
		makeTenGroup({ villageId: liutiao.id, leaderMemberId: home.head.id });
		const user = makeUser({ memberId: home.head.id });
		expect(getAccount(committee, user.id).roles).toEqual([
			'group_leader',
			'household_head',
			'villager'
		]);
	});
});
