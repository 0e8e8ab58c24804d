import { eq } from 'drizzle-orm';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { rules } from '$lib/server/db/schema';
import { authorize } from '$lib/server/permissions';
import { assertDraft, ruleTarget } from './targets';

/** Takes a rule out of a draft. (In a published rule book a rule is switched off in the next version.) */
export function removeRule(viewer: Viewer | null, ruleId: number): { versionId: number } {
	const { version, target } = ruleTarget(ruleId);
	authorize(viewer, 'rules:manage', target);
	write((tx) => {
		assertDraft(tx, version.id);
		const removed = tx.delete(rules).where(eq(rules.id, ruleId)).returning().get();
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: 'rules.rule_remove',
			subjectType: 'rule',
			subjectId: ruleId,
			detail: { versionId: version.id, name: removed?.name ?? null }
		});
	});
	return { versionId: version.id };
}
