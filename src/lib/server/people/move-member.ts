import { and, eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write } from '$lib/server/db';
import { households, members } from '$lib/server/db/schema';
import { notFound } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import * as m from '$lib/paraglide/messages';
import { getMember } from './get-member';
import { fieldError, stateConflict } from './rules';
import { parseInput, type MoveMemberInput, ZMoveMember } from './schemas';
import { memberTarget } from './targets';
import type { MemberView } from './views';

/**
 * Moves an active member to another active household of the same village, named by 户号 (a
 * marriage, a household split). The 户主 must hand over first. Their permission to act for
 * the old household does not come along. Past ledger entries stay with the old household.
 */
export function moveMember(
	viewer: Viewer | null,
	memberId: number,
	raw: MoveMemberInput
): MemberView {
	const target = memberTarget(memberId);
	authorize(viewer, 'people:manage', target);
	const input = parseInput(ZMoveMember, raw);
	write((tx) => {
		const member = tx.select().from(members).where(eq(members.id, memberId)).get();
		if (!member) throw notFound();
		if (!member.active) throw stateConflict(m.people_member_inactive());
		const destination = tx
			.select({ id: households.id, active: households.active })
			.from(households)
			.where(
				and(
					eq(households.villageId, target.villageId),
					eq(households.number, input.householdNumber)
				)
			)
			.get();
		if (!destination) {
			throw fieldError(
				'validation',
				'householdNumber',
				m.people_move_no_household({ number: input.householdNumber })
			);
		}
		if (destination.id === member.householdId) {
			throw fieldError('validation', 'householdNumber', m.people_move_same_household());
		}
		if (!destination.active) {
			throw fieldError('validation', 'householdNumber', m.people_household_inactive());
		}
		const headOf = tx
			.select({ id: households.id })
			.from(households)
			.where(eq(households.headMemberId, memberId))
			.get();
		if (headOf) throw stateConflict(m.people_head_cannot_move({ name: member.name }));
		tx.update(members)
			.set({ householdId: destination.id, mayActForHousehold: false })
			.where(eq(members.id, memberId))
			.run();
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: 'member.move',
			subjectType: 'member',
			subjectId: memberId,
			detail: { fromHouseholdId: member.householdId, toHouseholdId: destination.id }
		});
	});
	return getMember(viewer, memberId);
}
