import { eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write } from '$lib/server/db';
import { members } from '$lib/server/db/schema';
import { notFound } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import { getMember } from './get-member';
import { assertPhoneFree, changesOf } from './rules';
import { parsePatch, ZMemberPatch, type MemberPatch } from './schemas';
import { memberTarget } from './targets';
import type { MemberView } from './views';

/** Private fields: the audit log records that they changed, never their values. */
const PRIVATE_FIELDS = ['phone', 'idNumber', 'careTags', 'riskTier', 'assistance'] as const;

/** Changes the fields given of a member (committee); the phone stays unique in the village. */
export function updateMember(
	viewer: Viewer | null,
	memberId: number,
	raw: MemberPatch
): MemberView {
	const target = memberTarget(memberId);
	authorize(viewer, 'people:manage', target);
	const patch = parsePatch(ZMemberPatch, raw);
	write((tx) => {
		const before = tx.select().from(members).where(eq(members.id, memberId)).get();
		if (!before) throw notFound();
		const { set, audit } = changesOf(before, patch, PRIVATE_FIELDS);
		if (set.phone && before.active) assertPhoneFree(tx, target.villageId, set.phone, memberId);
		if (Object.keys(set).length === 0) return;
		tx.update(members).set(set).where(eq(members.id, memberId)).run();
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: 'member.update',
			subjectType: 'member',
			subjectId: memberId,
			detail: audit
		});
	});
	return getMember(viewer, memberId);
}
