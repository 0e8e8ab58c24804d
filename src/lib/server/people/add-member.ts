import { eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write } from '$lib/server/db';
import { households, members } from '$lib/server/db/schema';
import { notFound } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import * as m from '$lib/paraglide/messages';
import { getMember } from './get-member';
import { assertPhoneFree, stateConflict } from './rules';
import { type AddMemberInput, parseInput, ZAddMember } from './schemas';
import { householdTarget } from './targets';
import type { MemberView } from './views';

/** Adds a member to an active household; with `makeHead` they become its 户主 at once. */
export function addMember(
	viewer: Viewer | null,
	householdId: number,
	raw: AddMemberInput
): MemberView {
	const target = householdTarget(householdId);
	authorize(viewer, 'people:manage', target);
	const { makeHead, ...fields } = parseInput(ZAddMember, raw);
	const id = write((tx) => {
		const household = tx
			.select({ active: households.active })
			.from(households)
			.where(eq(households.id, householdId))
			.get();
		if (!household) throw notFound();
		if (!household.active) throw stateConflict(m.people_household_inactive());
		if (fields.phone !== null) assertPhoneFree(tx, target.villageId, fields.phone);
		const row = tx
			.insert(members)
			.values({ ...fields, villageId: target.villageId, householdId })
			.returning({ id: members.id })
			.get();
		if (makeHead) {
			tx.update(households)
				.set({ headMemberId: row.id })
				.where(eq(households.id, householdId))
				.run();
		}
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: 'member.add',
			subjectType: 'member',
			subjectId: row.id,
			detail: { householdId, name: fields.name, makeHead }
		});
		return row.id;
	});
	return getMember(viewer, id);
}
