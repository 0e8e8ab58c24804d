/**
 * Tenant isolation for households, members and ten-household groups: 马家村's committee gets
 * not_found for every one of 柳条村's — through the services and through the mounted API
 * handlers — exactly as for an id that doesn't exist, and nothing changes.
 */
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as api from '$lib/server/api/endpoints/people';
import { loadViewer, type Viewer } from '$lib/server/auth/viewer';
import { db, write } from '$lib/server/db';
import {
	auditLog,
	households,
	idempotencyKeys,
	members,
	tenGroups,
	users,
	villages
} from '$lib/server/db/schema';
import { seedDemo } from '$lib/server/demo/seed-demo';
import { DomainError } from '$lib/server/errors';
import { addMember } from '$lib/server/people/add-member';
import { createGroup } from '$lib/server/people/create-group';
import { createHousehold } from '$lib/server/people/create-household';
import { getGroup } from '$lib/server/people/get-group';
import { getHousehold } from '$lib/server/people/get-household';
import { getMember } from '$lib/server/people/get-member';
import { listGroups } from '$lib/server/people/list-groups';
import { listHouseholds } from '$lib/server/people/list-households';
import { moveMember } from '$lib/server/people/move-member';
import { deactivateGroup, reactivateGroup } from '$lib/server/people/set-group-active';
import { deactivateHousehold, reactivateHousehold } from '$lib/server/people/set-household-active';
import { deactivateMember, reactivateMember } from '$lib/server/people/set-member-active';
import { updateGroup } from '$lib/server/people/update-group';
import { setHouseholdHead, updateHousehold } from '$lib/server/people/update-household';
import { updateMember } from '$lib/server/people/update-member';
import { UNUSABLE_PASSWORD_HASH } from '../factories';
import { callEndpoint } from './api-helpers';

/** Every row of every table these services touch, so "nothing changed" means exactly that. */
const snapshot = () => ({
	households: db.select().from(households).orderBy(households.id).all(),
	members: db.select().from(members).orderBy(members.id).all(),
	groups: db.select().from(tenGroups).orderBy(tenGroups.id).all(),
	audit: db.select({ n: count() }).from(auditLog).get()?.n
});

const villageId = (code: string) => {
	const v = db.select().from(villages).where(eq(villages.code, code)).get();
	if (!v) throw new Error(`no village ${code}`);
	return v.id;
};
const viewerByPhone = (phone: string) => {
	const user = db.select().from(users).where(eq(users.phone, phone)).get();
	if (!user) throw new Error(`no user ${phone}`);
	return loadViewer(user);
};

let majia: Viewer;
let liutiaoCommittee: Viewer;
let lt: { households: number[]; members: number[]; groups: number[] };
let missing: number;
/** A 马家村 household and member, for calls that mix an own id with a 柳条村 one. */
let own: { householdId: number; memberId: number };

beforeAll(() => {
	write((tx) => seedDemo(tx, UNUSABLE_PASSWORD_HASH));
	majia = viewerByPhone('13800000011');
	liutiaoCommittee = viewerByPhone('13800000001');
	const liutiao = villageId('liutiao');
	lt = {
		households: db
			.select({ id: households.id })
			.from(households)
			.where(eq(households.villageId, liutiao))
			.all()
			.map((r) => r.id),
		members: db
			.select({ id: members.id })
			.from(members)
			.where(eq(members.villageId, liutiao))
			.all()
			.map((r) => r.id),
		groups: db
			.select({ id: tenGroups.id })
			.from(tenGroups)
			.where(eq(tenGroups.villageId, liutiao))
			.all()
			.map((r) => r.id)
	};
	missing = 10_000_000;
	const mj = villageId('majia');
	const ownMember = db
		.select({ id: members.id, householdId: members.householdId })
		.from(members)
		.innerJoin(households, eq(members.householdId, households.id))
		.where(eq(members.villageId, mj))
		.get();
	if (!ownMember) throw new Error('马家村 has no members');
	own = { householdId: ownMember.householdId, memberId: ownMember.id };
});

function expectNotFound(fn: () => unknown): void {
	let caught: unknown;
	try {
		fn();
	} catch (e) {
		caught = e;
	}
	expect(caught).toBeInstanceOf(DomainError);
	expect((caught as DomainError).code).toBe('not_found');
	expect((caught as DomainError).status).toBe(404);
}

describe('马家村 committee and 柳条村 people: services', () => {
	it('the demo gives both villages people, and 柳条村 committee sees its own', () => {
		expect(lt.households.length).toBeGreaterThan(100);
		expect(lt.members.length).toBeGreaterThan(lt.households.length);
		expect(lt.groups.length).toBeGreaterThan(10);
		expect(majia.roles).toContain('committee');
		expect(getHousehold(liutiaoCommittee, lt.households[0]!).id).toBe(lt.households[0]);
	});

	it('gets not_found for every 柳条村 household, member and group, and nothing changes', () => {
		const before = snapshot();
		for (const id of lt.households) {
			expectNotFound(() => getHousehold(majia, id));
			expectNotFound(() => updateHousehold(majia, id, { address: '马家村改的' }));
			expectNotFound(() => setHouseholdHead(majia, id, own.memberId));
			expectNotFound(() => deactivateHousehold(majia, id));
			expectNotFound(() => reactivateHousehold(majia, id));
			expectNotFound(() => addMember(majia, id, { name: '混入者' }));
		}
		for (const id of lt.members) {
			expectNotFound(() => getMember(majia, id));
			expectNotFound(() => updateMember(majia, id, { name: '改名' }));
			expectNotFound(() => deactivateMember(majia, id));
			expectNotFound(() => reactivateMember(majia, id));
			expectNotFound(() => moveMember(majia, id, { householdNumber: 'MJ-001' }));
		}
		for (const id of lt.groups) {
			expectNotFound(() => getGroup(majia, id));
			expectNotFound(() => updateGroup(majia, id, { name: '马家的组' }));
			expectNotFound(() => deactivateGroup(majia, id));
			expectNotFound(() => reactivateGroup(majia, id));
		}
		expect(snapshot()).toEqual(before);
	});

	it('answers another village’s ids exactly as ids that do not exist', () => {
		const foreign = [
			() => getHousehold(majia, lt.households[0]!),
			() => getMember(majia, lt.members[0]!),
			() => getGroup(majia, lt.groups[0]!)
		];
		const absent = [
			() => getHousehold(majia, missing),
			() => getMember(majia, missing),
			() => getGroup(majia, missing)
		];
		const outcome = (fn: () => unknown) => {
			try {
				fn();
				return null;
			} catch (e) {
				const d = e as DomainError;
				return { code: d.code, message: d.userMessage(), details: d.details };
			}
		};
		expect(foreign.map(outcome)).toEqual(absent.map(outcome));
	});

	it('never links its own rows to 柳条村 groups or members', () => {
		const before = snapshot();
		expectNotFound(() => createHousehold(majia, { number: 'MJ-NEW', tenGroupId: lt.groups[0] }));
		expectNotFound(() => updateHousehold(majia, own.householdId, { tenGroupId: lt.groups[0] }));
		expectNotFound(() => createGroup(majia, { name: '新组', leaderMemberId: lt.members[0] }));
		const mjGroup = db
			.select({ id: tenGroups.id })
			.from(tenGroups)
			.where(eq(tenGroups.villageId, majia.villageId!))
			.get();
		expectNotFound(() => updateGroup(majia, mjGroup!.id, { leaderMemberId: lt.members[0] }));
		// A 柳条村 member can't be made head of a 马家村 household (it is not one of its members).
		expect(() => setHouseholdHead(majia, own.householdId, lt.members[0]!)).toThrow(DomainError);
		// Moving to a 柳条村 户号 finds no such household in 马家村.
		const ltNumber = db
			.select({ number: households.number })
			.from(households)
			.where(eq(households.id, lt.households[0]!))
			.get()!.number;
		expect(() => moveMember(majia, own.memberId, { householdNumber: ltNumber })).toThrow(
			DomainError
		);
		expect(snapshot()).toEqual(before);
	});

	it('lists and searches only its own village', () => {
		const ltHead = db
			.select({ name: members.name, phone: members.phone })
			.from(members)
			.innerJoin(households, eq(households.headMemberId, members.id))
			.where(eq(households.id, lt.households[0]!))
			.get()!;
		const all = listHouseholds(majia, { includeInactive: true });
		const listed = new Set<number>();
		for (let page = 1; page <= all.pages; page++) {
			for (const h of listHouseholds(majia, { includeInactive: true, page }).households) {
				listed.add(h.id);
			}
		}
		expect(listed.size).toBe(all.total);
		expect(lt.households.some((id) => listed.has(id))).toBe(false);
		expect(listHouseholds(majia, { tenGroupId: lt.groups[0] }).total).toBe(0);
		expect(listHouseholds(majia, { q: ltHead.phone ?? ltHead.name }).total).toBe(0);
		expect(listGroups(majia, { includeInactive: true }).some((g) => lt.groups.includes(g.id))).toBe(
			false
		);
	});
});

describe('马家村 committee and 柳条村 people: API', () => {
	it('answers 404 not_found to every 柳条村 household, member and group, and nothing changes', async () => {
		const before = snapshot();
		const keysBefore = db.select({ n: count() }).from(idempotencyKeys).get()?.n;
		const calls: [api: (typeof api)[keyof typeof api], ids: number[], body?: unknown][] = [
			[api.getHouseholdEndpoint, lt.households],
			[api.updateHouseholdEndpoint, lt.households, { address: '马家村改的' }],
			[api.updateHouseholdEndpoint, lt.households, { headMemberId: own.memberId }],
			[api.deactivateHouseholdEndpoint, lt.households],
			[api.reactivateHouseholdEndpoint, lt.households],
			[api.addMemberEndpoint, lt.households, { name: '混入者', makeHead: true }],
			[api.getMemberEndpoint, lt.members],
			[api.updateMemberEndpoint, lt.members, { phone: '13999999999' }],
			[api.deactivateMemberEndpoint, lt.members],
			[api.reactivateMemberEndpoint, lt.members],
			[api.getGroupEndpoint, lt.groups],
			[api.updateGroupEndpoint, lt.groups, { leaderMemberId: null }],
			[api.deactivateGroupEndpoint, lt.groups],
			[api.reactivateGroupEndpoint, lt.groups]
		];
		let checked = 0;
		for (const [def, ids, body] of calls) {
			for (const id of ids) {
				const res = await callEndpoint(def, { viewer: majia, params: { id: String(id) }, body });
				if (res.status !== 404 || res.body?.error?.code !== 'not_found') {
					throw new Error(
						`${def.method} ${def.path} ${id}: ${res.status} ${JSON.stringify(res.body)}`
					);
				}
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(1000);
		expect(snapshot()).toEqual(before);
		expect(db.select({ n: count() }).from(idempotencyKeys).get()?.n).toBe(keysBefore);
	});

	it('gives the same 404 body for a 柳条村 id as for a missing one', async () => {
		const foreign = await callEndpoint(api.getHouseholdEndpoint, {
			viewer: majia,
			params: { id: String(lt.households[0]) }
		});
		const absent = await callEndpoint(api.getHouseholdEndpoint, {
			viewer: majia,
			params: { id: String(missing) }
		});
		expect(foreign.status).toBe(404);
		expect(foreign.body).toEqual(absent.body);
	});

	it('lists no 柳条村 rows, and refuses to link to them', async () => {
		const before = snapshot();
		const list = await callEndpoint(api.listHouseholdsEndpoint, {
			viewer: majia,
			query: { includeInactive: 'true' }
		});
		expect(list.status).toBe(200);
		expect(list.body.households.some((h: { id: number }) => lt.households.includes(h.id))).toBe(
			false
		);
		const groups = await callEndpoint(api.listGroupsEndpoint, { viewer: majia });
		expect(groups.body.groups.some((g: { id: number }) => lt.groups.includes(g.id))).toBe(false);
		const created = await callEndpoint(api.createHouseholdEndpoint, {
			viewer: majia,
			body: { number: 'MJ-X', tenGroupId: lt.groups[0] }
		});
		expect(created.status).toBe(404);
		const group = await callEndpoint(api.createGroupEndpoint, {
			viewer: majia,
			body: { name: '新组', leaderMemberId: lt.members[0] }
		});
		expect(group.status).toBe(404);
		expect(snapshot()).toEqual(before);
	});

	it('still serves 马家村 its own (the 404s above are not a broken endpoint)', async () => {
		const res = await callEndpoint(api.getHouseholdEndpoint, {
			viewer: majia,
			params: { id: String(own.householdId) }
		});
		expect(res.status).toBe(200);
		expect(res.body.id).toBe(own.householdId);
	});
});
