import { and, eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write } from '$lib/server/db';
import { households, members, tenGroups } from '$lib/server/db/schema';
import { notFound } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import * as m from '$lib/paraglide/messages';
import { getMember } from './get-member';
import { assertPhoneFree, stateConflict } from './rules';
import { memberTarget } from './targets';
import type { MemberView } from './views';

/**
 * Members are never deleted (their deeds and hours are history). A deactivated member (moved
 * away, deceased) no longer counts in the household, can't sign in as a villager, and frees
 * their phone number. A 户主 or a 十户长 can't be deactivated until someone else takes over.
 */
export function deactivateMember(viewer: Viewer | null, memberId: number): MemberView {
	const target = memberTarget(memberId);
	authorize(viewer, 'people:manage', target);
	write((tx) => {
		const member = tx.select().from(members).where(eq(members.id, memberId)).get();
		if (!member) throw notFound();
		if (!member.active) return;
		const headOf = tx
			.select({ number: households.number })
			.from(households)
			.where(eq(households.headMemberId, memberId))
			.get();
		if (headOf) throw stateConflict(m.people_head_cannot_deactivate({ name: member.name }));
		const leads = tx
			.select({ name: tenGroups.name })
			.from(tenGroups)
			.where(and(eq(tenGroups.leaderMemberId, memberId), eq(tenGroups.active, true)))
			.get();
		if (leads) {
			throw stateConflict(
				m.people_leader_cannot_deactivate({ name: member.name, group: leads.name })
			);
		}
		tx.update(members).set({ active: false }).where(eq(members.id, memberId)).run();
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: 'member.deactivate',
			subjectType: 'member',
			subjectId: memberId
		});
	});
	return getMember(viewer, memberId);
}

/** Brings a member back, if their household is active and their phone is still free. */
export function reactivateMember(viewer: Viewer | null, memberId: number): MemberView {
	const target = memberTarget(memberId);
	authorize(viewer, 'people:manage', target);
	write((tx) => {
		const member = tx.select().from(members).where(eq(members.id, memberId)).get();
		if (!member) throw notFound();
		if (member.active) return;
		const household = tx
			.select({ active: households.active })
			.from(households)
			.where(eq(households.id, member.householdId))
			.get();
		if (!household?.active) throw stateConflict(m.people_household_inactive());
		if (member.phone) assertPhoneFree(tx, target.villageId, member.phone, memberId);
		tx.update(members).set({ active: true }).where(eq(members.id, memberId)).run();
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: 'member.reactivate',
			subjectType: 'member',
			subjectId: memberId
		});
	});
	return getMember(viewer, memberId);
}
