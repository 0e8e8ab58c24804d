import { eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { households, members } from '$lib/server/db/schema';
import { notFound } from '$lib/server/errors';
import { authorize, can } from '$lib/server/permissions';
import { householdTarget } from './targets';
import { householdSummaries, memberView, type HouseholdDetail } from './views';

/**
 * One household with its members: for the committee, the shopkeeper, the household itself and
 * its 十户长. Private member fields only reach those allowed `member:view_private`; inactive
 * members only those who manage people.
 */
export function getHousehold(viewer: Viewer | null, householdId: number): HouseholdDetail {
	const target = householdTarget(householdId);
	authorize(viewer, 'household:view', target);
	const summary = householdSummaries(eq(households.id, householdId))[0];
	if (!summary) throw notFound();
	const mayManage = can(viewer, 'people:manage', target);
	const context = {
		number: summary.number,
		headMemberId: summary.headMemberId,
		tenGroupId: summary.tenGroupId
	};
	const rows = db.select().from(members).where(eq(members.householdId, householdId)).all();
	const order = (r: (typeof rows)[number]) => [
		r.id === summary.headMemberId ? 0 : 1,
		r.active ? 0 : 1,
		r.birthYear ?? 9999,
		r.id
	];
	rows.sort((a, b) => {
		const x = order(a);
		const y = order(b);
		for (let i = 0; i < x.length; i++)
			if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
		return 0;
	});
	return {
		...summary,
		members: rows.filter((r) => r.active || mayManage).map((r) => memberView(viewer, r, context)),
		viewerMayManage: mayManage
	};
}
