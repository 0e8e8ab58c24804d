import { inArray } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { members } from '$lib/server/db/schema';
import { can } from '$lib/server/permissions';
import { careTarget, careTeamMembers } from './care-target';

/**
 * Who may be named as the visitor on the visit form: the viewer themself; for the committee also
 * every member of a 巡访关爱 team (recording a visit reported on paper or by phone).
 */
export function listVisitors(
	viewer: Viewer,
	villageId: number
): { memberId: number; name: string }[] {
	const ids = new Set<number>();
	if (viewer.memberId !== null) ids.add(viewer.memberId);
	if (can(viewer, 'care:manage', careTarget(villageId))) {
		for (const r of careTeamMembers(db, villageId)) ids.add(r.memberId);
	}
	if (ids.size === 0) return [];
	const names = new Map(
		db
			.select({ id: members.id, name: members.name })
			.from(members)
			.where(inArray(members.id, [...ids]))
			.all()
			.map((r) => [r.id, r.name])
	);
	return [...ids].map((id) => ({ memberId: id, name: names.get(id) ?? '—' }));
}
