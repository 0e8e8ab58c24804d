/**
 * Shared by the slips-* integration tests: a village with a published rule book, a
 * ten-household group with its leader, two committee members (one living in the village) and a
 * few households.
 */
import { eq } from 'drizzle-orm';
import { loadViewer, type Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { tenGroups, type Household, type Member, type Village } from '$lib/server/db/schema';
import type { RuleView } from '$lib/server/rules/views';
import { addRule } from '$lib/server/rules/add-rule';
import { createDraft } from '$lib/server/rules/create-draft';
import { publishDraft } from '$lib/server/rules/publish-draft';
import { makeFamily, makeTenGroup, makeUser, makeVillage } from '../factories';

export type SlipWorld = {
	village: Village;
	rules: { help: RuleView; clean: RuleView; litter: RuleView };
	group: { id: number };
	/** Household in the group, its head with a login. */
	home: { household: Household; head: Member; viewer: Viewer };
	/** Another household of the group. */
	neighbour: { household: Household; head: Member; viewer: Viewer };
	/** Leads the group; lives in household `leaderHome` (in the group too). */
	leader: Viewer;
	leaderHome: Household;
	/** Committee member living in household `committeeHome` (outside the group). */
	committee: Viewer;
	committeeHome: Household;
	/** A second committee member, staff login without a household. */
	committee2: Viewer;
};

export function makeSlipWorld(villageValues: Partial<Village> = {}): SlipWorld {
	const village = makeVillage(villageValues);
	const committee2 = loadViewer(makeUser({ villageId: village.id, roles: ['committee'] }));
	const draft = createDraft(committee2);
	addRule(committee2, draft.id, { category: '邻里互助', name: '帮扶邻里', points: 5 });
	addRule(committee2, draft.id, {
		category: '环境卫生/门前三包',
		name: '庭院整洁',
		points: 3,
		monthlyCap: 1,
		yearlyCap: 2
	});
	addRule(committee2, draft.id, { category: '遵纪守法', name: '乱倒垃圾', points: -5 });
	const book = publishDraft(committee2, draft.id, {
		adoptedBy: '村民代表会议',
		adoptedOn: '2026-01-10',
		resolution: '表决通过'
	});
	const byName = (name: string) => {
		const rule = book.rules.find((r) => r.name === name);
		if (!rule) throw new Error(`no rule ${name}`);
		return rule;
	};
	const group = makeTenGroup({ villageId: village.id });
	const family = (tenGroupId: number | null, head: Partial<Member> = {}) => {
		const f = makeFamily({ villageId: village.id, tenGroupId }, head);
		const user = makeUser({ memberId: f.head.id });
		return { ...f, user };
	};
	const home = family(group.id, { name: '张小安' });
	const neighbour = family(group.id, { name: '李大明' });
	const leaderFamily = family(group.id, { name: '王组长' });
	db.update(tenGroups)
		.set({ leaderMemberId: leaderFamily.head.id })
		.where(eq(tenGroups.id, group.id))
		.run();
	const committeeFamily = makeFamily(
		{ villageId: village.id, tenGroupId: null },
		{ name: '赵主任' }
	);
	const committeeUser = makeUser({ memberId: committeeFamily.head.id, roles: ['committee'] });
	return {
		village,
		rules: { help: byName('帮扶邻里'), clean: byName('庭院整洁'), litter: byName('乱倒垃圾') },
		group,
		home: { ...home, viewer: loadViewer(home.user) },
		neighbour: { ...neighbour, viewer: loadViewer(neighbour.user) },
		leader: loadViewer(leaderFamily.user),
		leaderHome: leaderFamily.household,
		committee: loadViewer(committeeUser),
		committeeHome: committeeFamily.household,
		committee2
	};
}
