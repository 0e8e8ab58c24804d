import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadViewer } from '$lib/server/auth/viewer';
import { listFollowUps } from '$lib/server/care/list-follow-ups';
import { listWorklist } from '$lib/server/care/list-worklist';
import { db, write } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { seedDemo } from '$lib/server/demo/seed-demo';
import { UNUSABLE_PASSWORD_HASH } from '../factories';
import { refused } from './teams-helpers';

beforeAll(() => {
	write((tx) => seedDemo(tx, UNUSABLE_PASSWORD_HASH));
});

const viewerOf = (phone: string) =>
	loadViewer(db.select().from(users).where(eq(users.phone, phone)).get()!);

describe('demo care visits', () => {
	it('柳条村’s worklist has 陈桂兰 due, visited elders ok and overdue, and one follow-up', () => {
		const committee = viewerOf('13800000001');
		const villageId = committee.villageId!;
		const list = listWorklist(committee, villageId);
		const elders = list.groups.flatMap((g) => g.elders);
		expect(elders.find((e) => e.name === '陈桂兰')).toMatchObject({
			householdNumber: 'LT-001',
			lastVisitedOn: null,
			status: 'due'
		});
		expect(elders.filter((e) => e.lastVisitedOn !== null)).toHaveLength(3);
		expect(list.counts.ok).toBeGreaterThan(0);
		expect(list.counts.overdue).toBeGreaterThan(0);
		expect(list.teams.map((t) => t.name)).toEqual(['柳条村巡访关爱服务队']);
		expect(listFollowUps(committee, villageId)).toHaveLength(1);
		// The 十户长 is on the visiting team; the household head of LT-001 is not.
		expect(listWorklist(viewerOf('13800000004'), villageId).counts).toEqual(list.counts);
		refused('forbidden', () => listWorklist(viewerOf('13800000005'), villageId));
	});
});
