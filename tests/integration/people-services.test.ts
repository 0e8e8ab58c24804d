import { count, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as api from '$lib/server/api/endpoints/people';
import { loadViewer, type Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { auditLog, households, members, tenGroups, type Village } from '$lib/server/db/schema';
import { DomainError, type ErrorCode } from '$lib/server/errors';
import { addMember } from '$lib/server/people/add-member';
import { createGroup } from '$lib/server/people/create-group';
import { createHousehold } from '$lib/server/people/create-household';
import { getGroup } from '$lib/server/people/get-group';
import { getHousehold } from '$lib/server/people/get-household';
import { getMember } from '$lib/server/people/get-member';
import { listGroups } from '$lib/server/people/list-groups';
import { HOUSEHOLDS_PAGE_SIZE, listHouseholds } from '$lib/server/people/list-households';
import { moveMember } from '$lib/server/people/move-member';
import { deactivateGroup, reactivateGroup } from '$lib/server/people/set-group-active';
import { deactivateHousehold, reactivateHousehold } from '$lib/server/people/set-household-active';
import { deactivateMember, reactivateMember } from '$lib/server/people/set-member-active';
import { updateGroup } from '$lib/server/people/update-group';
import { setHouseholdHead, updateHousehold } from '$lib/server/people/update-household';
import { updateMember } from '$lib/server/people/update-member';
import {
	makeFamily,
	makeHousehold,
	makeMember,
	makeTenGroup,
	makeUser,
	makeVillage
} from '../factories';
import { callEndpoint } from './api-helpers';

/** Every row of the people tables and the audit count: what "nothing changed" compares. */
const snapshot = () => ({
	households: db.select().from(households).orderBy(households.id).all(),
	members: db.select().from(members).orderBy(members.id).all(),
	groups: db.select().from(tenGroups).orderBy(tenGroups.id).all(),
	audit: db.select({ n: count() }).from(auditLog).get()?.n
});

/** Runs `fn`, expects a DomainError with `code`, and that nothing in the database changed. */
function expectRefused(code: ErrorCode, fn: () => unknown): DomainError {
	const before = snapshot();
	let caught: unknown;
	try {
		fn();
	} catch (e) {
		caught = e;
	}
	expect(caught).toBeInstanceOf(DomainError);
	expect((caught as DomainError).code).toBe(code);
	expect(snapshot()).toEqual(before);
	return caught as DomainError;
}

const lastAudit = () => db.select().from(auditLog).orderBy(auditLog.id).all().at(-1);

let village: Village;
let committee: Viewer;

beforeEach(() => {
	village = makeVillage();
	committee = loadViewer(makeUser({ villageId: village.id, roles: ['committee'] }));
});

describe('households', () => {
	it('creates, edits, deactivates and reactivates a household, auditing each step', () => {
		const group = makeTenGroup({ villageId: village.id, name: '第一联组' });
		const created = createHousehold(committee, {
			number: ' A-001 ',
			address: '村东头 1 号',
			villagerGroup: '一组',
			tenGroupId: String(group.id)
		});
		expect(created).toMatchObject({
			number: 'A-001',
			address: '村东头 1 号',
			villagerGroup: '一组',
			tenGroupId: group.id,
			tenGroupName: '第一联组',
			headMemberId: null,
			memberCount: 0,
			active: true,
			members: []
		});
		expect(lastAudit()).toMatchObject({
			action: 'household.create',
			subjectId: created.id,
			actorUserId: committee.userId,
			villageId: village.id
		});

		const edited = updateHousehold(committee, created.id, {
			address: '村西头 2 号',
			tenGroupId: null
		});
		expect(edited).toMatchObject({ number: 'A-001', address: '村西头 2 号', tenGroupId: null });
		expect(lastAudit()).toMatchObject({
			action: 'household.update',
			detail: {
				address: { from: '村东头 1 号', to: '村西头 2 号' },
				tenGroupId: { from: group.id, to: null }
			}
		});

		const member = makeMember({ householdId: created.id });
		expect(deactivateHousehold(committee, created.id).active).toBe(false);
		expect(lastAudit()?.action).toBe('household.deactivate');
		// Deactivating the household deactivates nothing else.
		expect(db.select().from(members).where(eq(members.id, member.id)).get()?.active).toBe(true);
		expect(listHouseholds(committee, {}).households.map((h) => h.id)).not.toContain(created.id);
		expect(
			listHouseholds(committee, { includeInactive: 'on' }).households.map((h) => h.id)
		).toContain(created.id);
		// No new members join a deactivated household.
		expectRefused('conflict', () => addMember(committee, created.id, { name: '新人' }));

		expect(reactivateHousehold(committee, created.id).active).toBe(true);
		expect(lastAudit()?.action).toBe('household.reactivate');
	});

	it('refuses a 户号 already used in the village (even by an inactive household), changing nothing', () => {
		const taken = makeHousehold({ villageId: village.id, number: 'B-001', active: false });
		const other = makeHousehold({ villageId: village.id, number: 'B-002' });
		const error = expectRefused('household_number_taken', () =>
			createHousehold(committee, { number: 'B-001' })
		);
		expect(error.status).toBe(409);
		expect(error.details).toMatchObject({ fieldErrors: { number: expect.any(String) } });
		expectRefused('household_number_taken', () =>
			updateHousehold(committee, other.id, { number: taken.number })
		);
		// The same 户号 in another village is fine.
		const elsewhere = makeVillage();
		makeHousehold({ villageId: elsewhere.id, number: 'B-003' });
		expect(createHousehold(committee, { number: 'B-003' }).number).toBe('B-003');
	});

	it('refuses bad input with a validation error and changes nothing', () => {
		const error = expectRefused('validation', () => createHousehold(committee, { number: '   ' }));
		expect(error.userMessage()).toContain('户号');
		const household = makeHousehold({ villageId: village.id });
		expectRefused('validation', () => updateHousehold(committee, household.id, { number: '' }));
		expectRefused('validation', () =>
			addMember(committee, household.id, { name: '张三', phone: '12345' })
		);
		expectRefused('validation', () =>
			addMember(committee, household.id, { name: '张三', careTags: ['不存在'] })
		);
		expectRefused('validation', () =>
			addMember(committee, household.id, { name: '张三', birthYear: '1800' })
		);
	});

	it('puts a household only in an active group of its own village', () => {
		const household = makeHousehold({ villageId: village.id });
		const closed = makeTenGroup({ villageId: village.id, active: false });
		const foreign = makeTenGroup({ villageId: makeVillage().id });
		expectRefused('not_found', () =>
			updateHousehold(committee, household.id, { tenGroupId: foreign.id })
		);
		expectRefused('not_found', () =>
			createHousehold(committee, { number: 'G-1', tenGroupId: foreign.id })
		);
		expectRefused('validation', () =>
			updateHousehold(committee, household.id, { tenGroupId: closed.id })
		);
	});

	it('searches by 户号, address, member name and phone; filters by group; pages by 50', () => {
		const group = makeTenGroup({ villageId: village.id });
		const a = makeHousehold({ villageId: village.id, number: 'S-001', address: '桥头巷 5 号' });
		const b = makeHousehold({ villageId: village.id, number: 'S-002', tenGroupId: group.id });
		makeMember({ householdId: b.id, name: '欧阳修', phone: '13912345678' });
		const ids = (search: Parameters<typeof listHouseholds>[1]) =>
			listHouseholds(committee, search).households.map((h) => h.id);
		expect(ids({ q: 'S-00' })).toEqual([a.id, b.id]);
		expect(ids({ q: '桥头' })).toEqual([a.id]);
		expect(ids({ q: '欧阳' })).toEqual([b.id]);
		expect(ids({ q: '12345678' })).toEqual([b.id]);
		expect(ids({ tenGroupId: String(group.id) })).toEqual([b.id]);
		// LIKE wildcards are taken literally.
		expect(ids({ q: '%' })).toEqual([]);
		expect(ids({ q: '_' })).toEqual([]);

		for (let i = 0; i < HOUSEHOLDS_PAGE_SIZE + 5; i++) {
			makeHousehold({ villageId: village.id, number: `P-${String(i).padStart(3, '0')}` });
		}
		const first = listHouseholds(committee, { q: 'P-' });
		expect(first).toMatchObject({ total: HOUSEHOLDS_PAGE_SIZE + 5, page: 1, pages: 2 });
		expect(first.households).toHaveLength(HOUSEHOLDS_PAGE_SIZE);
		const second = listHouseholds(committee, { q: 'P-', page: '2' });
		expect(second.households).toHaveLength(5);
		expect(second.households[4]?.number).toBe(
			`P-${String(HOUSEHOLDS_PAGE_SIZE + 4).padStart(3, '0')}`
		);
	});

	it('only the committee manages households', () => {
		const { household, head } = makeFamily({ villageId: village.id });
		const shopkeeper = loadViewer(makeUser({ villageId: village.id, roles: ['shopkeeper'] }));
		const villager = loadViewer(makeUser({ memberId: head.id }));
		for (const viewer of [shopkeeper, villager]) {
			expectRefused('forbidden', () => listHouseholds(viewer, {}));
			expectRefused('forbidden', () => createHousehold(viewer, { number: 'X-1' }));
			expectRefused('forbidden', () => updateHousehold(viewer, household.id, { address: 'x' }));
			expectRefused('forbidden', () => deactivateHousehold(viewer, household.id));
			expectRefused('forbidden', () => addMember(viewer, household.id, { name: '某人' }));
			expectRefused('forbidden', () => listGroups(viewer));
			expectRefused('forbidden', () => createGroup(viewer, { name: '某组' }));
		}
		expectRefused('unauthenticated', () => listHouseholds(null, {}));
		expectRefused('unauthenticated', () => getHousehold(null, household.id));
	});
});

describe('members and the 户主', () => {
	it('adds a member, optionally as head, and edits only the fields given', () => {
		const household = makeHousehold({ villageId: village.id });
		const head = addMember(committee, household.id, {
			name: '李大山',
			gender: 'male',
			birthYear: '1950',
			relation: '户主',
			phone: '13911112222',
			careTags: ['高龄', '独居', '高龄'],
			riskTier: 'high',
			assistance: 'dibao',
			proxyConsent: 'on',
			makeHead: 'on'
		});
		expect(head).toMatchObject({
			name: '李大山',
			birthYear: 1950,
			isHead: true,
			proxyConsent: true,
			private: {
				phone: '13911112222',
				careTags: ['独居', '高龄'],
				riskTier: 'high',
				assistance: 'dibao'
			}
		});
		expect(lastAudit()).toMatchObject({ action: 'member.add', subjectId: head.id });
		const child = addMember(committee, household.id, { name: '李小山', relation: '子女' });
		expect(child.isHead).toBe(false);

		const edited = updateMember(committee, head.id, { riskTier: 'low', name: '李大山 ' });
		expect(edited).toMatchObject({
			name: '李大山',
			relation: '户主',
			private: { riskTier: 'low', assistance: 'dibao', phone: '13911112222' }
		});
		// The audit log names a changed private field but keeps its value out.
		expect(lastAudit()).toMatchObject({ action: 'member.update', detail: { riskTier: 'changed' } });
		expect(JSON.stringify(lastAudit()?.detail)).not.toContain('low');
	});

	it('keeps a phone number to one active member of the village', () => {
		const household = makeHousehold({ villageId: village.id });
		const holder = makeMember({ householdId: household.id, phone: '13922223333' });
		const other = makeMember({ householdId: household.id });
		const error = expectRefused('phone_taken', () =>
			addMember(committee, household.id, { name: '王五', phone: '13922223333' })
		);
		expect(error.details).toMatchObject({ fieldErrors: { phone: expect.any(String) } });
		expectRefused('phone_taken', () => updateMember(committee, other.id, { phone: '13922223333' }));
		// Another village may have the same number.
		const elsewhere = makeHousehold({ villageId: makeVillage().id });
		makeMember({ householdId: elsewhere.id, phone: '13922224444' });
		expect(updateMember(committee, other.id, { phone: '13922224444' }).private?.phone).toBe(
			'13922224444'
		);
		// A deactivated member frees the number; they can't come back while someone else has it.
		deactivateMember(committee, holder.id);
		updateMember(committee, other.id, { phone: '13922223333' });
		expectRefused('phone_taken', () => reactivateMember(committee, holder.id));
	});

	it('sets the head only to an active member of that household', () => {
		const { household, head } = makeFamily({ villageId: village.id });
		const spouse = makeMember({ householdId: household.id });
		const gone = makeMember({ householdId: household.id, active: false });
		const neighbour = makeMember({ householdId: makeHousehold({ villageId: village.id }).id });
		expectRefused('validation', () => setHouseholdHead(committee, household.id, neighbour.id));
		expectRefused('validation', () => setHouseholdHead(committee, household.id, gone.id));
		const changed = setHouseholdHead(committee, household.id, spouse.id);
		expect(changed.headMemberId).toBe(spouse.id);
		expect(changed.members[0]).toMatchObject({ id: spouse.id, isHead: true });
		expect(changed.members.find((mm) => mm.id === head.id)?.isHead).toBe(false);
	});

	it("won't deactivate or move a head, nor deactivate a group's leader, with a clear reason", () => {
		const { household, head } = makeFamily({ villageId: village.id });
		const other = makeHousehold({ villageId: village.id, number: 'M-2' });
		const headError = expectRefused('conflict', () => deactivateMember(committee, head.id));
		expect(headError.userMessage()).toContain(head.name);
		expect(headError.userMessage()).toContain('户主');
		expectRefused('conflict', () => moveMember(committee, head.id, { householdNumber: 'M-2' }));

		const leader = makeMember({ householdId: household.id });
		makeTenGroup({ villageId: village.id, name: '东组', leaderMemberId: leader.id });
		const leaderError = expectRefused('conflict', () => deactivateMember(committee, leader.id));
		expect(leaderError.userMessage()).toContain('东组');

		const child = makeMember({ householdId: household.id, mayActForHousehold: true });
		expect(deactivateMember(committee, child.id).active).toBe(false);
		expect(lastAudit()).toMatchObject({ action: 'member.deactivate', subjectId: child.id });
		expect(getHousehold(committee, household.id).memberCount).toBe(2);
		expect(reactivateMember(committee, child.id).active).toBe(true);

		const moved = moveMember(committee, child.id, { householdNumber: 'M-2' });
		expect(moved).toMatchObject({ householdId: other.id, mayActForHousehold: false });
		expectRefused('validation', () => moveMember(committee, child.id, { householdNumber: 'M-2' }));
		expectRefused('validation', () =>
			moveMember(committee, child.id, { householdNumber: 'NO-SUCH' })
		);
	});

	it('hides private fields from everyone but the committee and the member themself', () => {
		const group = makeTenGroup({ villageId: village.id });
		const { household, head } = makeFamily(
			{ villageId: village.id, tenGroupId: group.id },
			{ phone: '13933334444', careTags: ['空巢'], riskTier: 'medium', assistance: 'tekun' }
		);
		const wife = makeMember({
			householdId: household.id,
			phone: '13933335555',
			idNumber: '110101195001011234',
			careTags: ['失能']
		});
		const retired = makeMember({ householdId: household.id, active: false });
		const leaderHome = makeFamily({ villageId: village.id }).head;
		db.update(tenGroups)
			.set({ leaderMemberId: leaderHome.id })
			.where(eq(tenGroups.id, group.id))
			.run();

		const headViewer = loadViewer(makeUser({ memberId: head.id }));
		const shopkeeper = loadViewer(makeUser({ villageId: village.id, roles: ['shopkeeper'] }));
		const groupLeader = loadViewer(makeUser({ memberId: leaderHome.id }));

		// The committee sees everything, inactive members included.
		const full = getHousehold(committee, household.id);
		expect(full.members.map((mm) => mm.id)).toEqual([head.id, wife.id, retired.id]);
		expect(full.members.every((mm) => mm.private !== null)).toBe(true);
		expect(full.viewerMayManage).toBe(true);

		// The head sees their own private data, not their wife's; no inactive members.
		const own = getHousehold(headViewer, household.id);
		expect(own.viewerMayManage).toBe(false);
		expect(own.members.map((mm) => mm.id)).toEqual([head.id, wife.id]);
		expect(own.members[0]?.private).toMatchObject({ phone: '13933334444', careTags: ['空巢'] });
		expect(own.members[1]?.private).toBeNull();

		for (const viewer of [shopkeeper, groupLeader]) {
			const seen = getHousehold(viewer, household.id);
			expect(seen.members.map((mm) => mm.private)).toEqual([null, null]);
			const text = JSON.stringify(seen);
			for (const secret of [
				'13933334444',
				'13933335555',
				'110101195001011234',
				'空巢',
				'失能',
				'tekun'
			]) {
				expect(text).not.toContain(secret);
			}
			expect(getMember(viewer, wife.id).private).toBeNull();
			expectRefused('not_found', () => getMember(viewer, retired.id));
		}
		expect(getMember(committee, wife.id).private?.idNumber).toBe('110101195001011234');

		// Someone from another household who is not staff can't see it at all.
		const stranger = loadViewer(
			makeUser({ memberId: makeFamily({ villageId: village.id }).head.id })
		);
		expectRefused('forbidden', () => getHousehold(stranger, household.id));
		expectRefused('forbidden', () => getMember(stranger, wife.id));
	});
});

describe('ten-household groups', () => {
	it('creates, renames, lists with leader and count, and refuses a taken name', () => {
		const group = createGroup(committee, { name: ' 第一联组 ' });
		expect(group).toMatchObject({ name: '第一联组', leaderMemberId: null, householdCount: 0 });
		expect(lastAudit()).toMatchObject({ action: 'group.create', subjectId: group.id });
		makeHousehold({ villageId: village.id, tenGroupId: group.id });
		makeHousehold({ villageId: village.id, tenGroupId: group.id, active: false });
		const second = createGroup(committee, { name: '第二联组' });
		expectRefused('group_name_taken', () => createGroup(committee, { name: '第一联组' }));
		expectRefused('group_name_taken', () =>
			updateGroup(committee, second.id, { name: '第一联组' })
		);
		expect(updateGroup(committee, second.id, { name: '西联组' }).name).toBe('西联组');
		expect(listGroups(committee)).toMatchObject([
			{ id: group.id, householdCount: 1 },
			{ id: second.id, name: '西联组', householdCount: 0 }
		]);
	});

	it('takes as leader only an active member of this village, offering the group’s own', () => {
		const group = createGroup(committee, { name: '北组' });
		const { household, head } = makeFamily({ villageId: village.id, tenGroupId: group.id });
		const inactive = makeMember({ householdId: household.id, active: false });
		const foreign = makeFamily({ villageId: makeVillage().id }).head;
		const outsider = makeFamily({ villageId: village.id }).head;

		expectRefused('not_found', () =>
			updateGroup(committee, group.id, { leaderMemberId: foreign.id })
		);
		expectRefused('not_found', () =>
			createGroup(committee, { name: '南组', leaderMemberId: foreign.id })
		);
		expectRefused('validation', () =>
			updateGroup(committee, group.id, { leaderMemberId: inactive.id })
		);
		const detail = getGroup(committee, group.id);
		expect(detail.leaderCandidates.map((c) => c.id)).toEqual([head.id]);

		const led = updateGroup(committee, group.id, { leaderMemberId: String(head.id) });
		expect(led).toMatchObject({ leaderMemberId: head.id, leaderName: head.name });
		// The new leader now acts as 十户长 for the group.
		const leaderViewer = loadViewer(makeUser({ memberId: head.id }));
		expect(leaderViewer.ledGroupIds).toEqual([group.id]);
		expect(getGroup(leaderViewer, group.id).leaderCandidates).toEqual([]);
		// A member of the village outside the group is accepted too (the API may name anyone).
		expect(updateGroup(committee, group.id, { leaderMemberId: outsider.id }).leaderMemberId).toBe(
			outsider.id
		);
		expect(updateGroup(committee, group.id, { leaderMemberId: '' }).leaderMemberId).toBeNull();
	});

	it('deactivates a group only once its households have moved', () => {
		const group = createGroup(committee, { name: '河边组' });
		const household = makeHousehold({ villageId: village.id, tenGroupId: group.id });
		const error = expectRefused('conflict', () => deactivateGroup(committee, group.id));
		expect(error.userMessage()).toContain('河边组');
		updateHousehold(committee, household.id, { tenGroupId: null });
		expect(deactivateGroup(committee, group.id).active).toBe(false);
		expect(listGroups(committee).map((g) => g.id)).not.toContain(group.id);
		expect(listGroups(committee, { includeInactive: true }).map((g) => g.id)).toContain(group.id);
		expect(reactivateGroup(committee, group.id).active).toBe(true);
	});
});

describe('JSON API', () => {
	it('creates with 201, patches only the fields sent, and maps refusals to status codes', async () => {
		const created = await callEndpoint(api.createHouseholdEndpoint, {
			viewer: committee,
			body: { number: 'API-1', address: '大桥路 3 号', villagerGroup: '二组' }
		});
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ number: 'API-1', address: '大桥路 3 号', members: [] });
		const id = String(created.body.id);

		// Only villagerGroup is sent: the address must not fall back to its default ''.
		const patched = await callEndpoint(api.updateHouseholdEndpoint, {
			viewer: committee,
			params: { id },
			body: { villagerGroup: '三组' }
		});
		expect(patched.status).toBe(200);
		expect(patched.body).toMatchObject({ address: '大桥路 3 号', villagerGroup: '三组' });

		const member = await callEndpoint(api.addMemberEndpoint, {
			viewer: committee,
			params: { id },
			body: {
				name: '赵四',
				birthYear: 1960,
				careTags: ['空巢'],
				assistance: 'dibao',
				makeHead: true
			}
		});
		expect(member.status).toBe(201);
		expect(member.body).toMatchObject({
			name: '赵四',
			isHead: true,
			private: { careTags: ['空巢'] }
		});

		const memberPatch = await callEndpoint(api.updateMemberEndpoint, {
			viewer: committee,
			params: { id: String(member.body.id) },
			body: { riskTier: 'medium' }
		});
		expect(memberPatch.body).toMatchObject({
			birthYear: 1960,
			private: { careTags: ['空巢'], assistance: 'dibao', riskTier: 'medium' }
		});

		const bad = await callEndpoint(api.createHouseholdEndpoint, {
			viewer: committee,
			body: { number: '' }
		});
		expect(bad.status).toBe(400);
		expect(bad.body.error.code).toBe('validation');
		expect(bad.body.error.message).toContain('户号');

		const duplicate = await callEndpoint(api.createHouseholdEndpoint, {
			viewer: committee,
			body: { number: 'API-1' }
		});
		expect(duplicate.status).toBe(409);
		expect(duplicate.body.error.code).toBe('household_number_taken');

		const headGone = await callEndpoint(api.deactivateMemberEndpoint, {
			viewer: committee,
			params: { id: String(member.body.id) }
		});
		expect(headGone.status).toBe(409);
		expect(headGone.body.error.code).toBe('conflict');

		const group = await callEndpoint(api.createGroupEndpoint, {
			viewer: committee,
			body: { name: 'API 组', leaderMemberId: member.body.id }
		});
		expect(group.status).toBe(201);
		expect(group.body).toMatchObject({ leaderName: '赵四', householdCount: 0 });

		const anonymous = await callEndpoint(api.listHouseholdsEndpoint, {});
		expect(anonymous.status).toBe(401);
	});
});
