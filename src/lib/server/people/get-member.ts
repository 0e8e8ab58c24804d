import { eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { households, members } from '$lib/server/db/schema';
import { notFound } from '$lib/server/errors';
import { authorize, can } from '$lib/server/permissions';
import { memberTarget } from './targets';
import { memberView, type MemberView } from './views';

/**
 * One member, for whoever may view their household. An inactive member is shown only to those
 * who manage people; private fields only to those allowed `member:view_private`.
 */
export function getMember(viewer: Viewer | null, memberId: number): MemberView {
	const target = memberTarget(memberId);
	authorize(viewer, 'household:view', target);
	const row = db.select().from(members).where(eq(members.id, memberId)).get();
	const household = db
		.select({
			number: households.number,
			headMemberId: households.headMemberId,
			tenGroupId: households.tenGroupId
		})
		.from(households)
		.where(eq(households.id, target.householdId))
		.get();
	if (!row || !household) throw notFound();
	if (!row.active && !can(viewer, 'people:manage', target)) throw notFound();
	return memberView(viewer, row, household);
}
