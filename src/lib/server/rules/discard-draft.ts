import { eq } from 'drizzle-orm';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { ruleVersions, rules } from '$lib/server/db/schema';
import { authorize } from '$lib/server/permissions';
import { assertDraft, versionTarget } from './targets';

/** Throws a draft away with its rules. Nothing cites a draft, so nothing else changes. */
export function discardDraft(viewer: Viewer | null, versionId: number): void {
	const { target } = versionTarget(versionId);
	authorize(viewer, 'rules:manage', target);
	write((tx) => {
		const version = assertDraft(tx, versionId);
		tx.delete(rules).where(eq(rules.versionId, versionId)).run();
		tx.delete(ruleVersions).where(eq(ruleVersions.id, versionId)).run();
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: 'rules.draft_discard',
			subjectType: 'rule_version',
			subjectId: versionId,
			detail: { number: version.number }
		});
	});
}
