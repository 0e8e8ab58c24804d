import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { rules } from '$lib/server/db/schema';
import { notFound } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import { parsePatch } from '$lib/server/people/schemas';
import { ZRulePatch } from './schemas';
import { assertDraft, ruleTarget } from './targets';
import { ruleView, type RuleView } from './views';

/** Changes a rule of a draft: only the fields given. Published rules are read-only. */
export function updateRule(
	viewer: Viewer | null,
	ruleId: number,
	raw: z.input<typeof ZRulePatch>
): RuleView {
	const { version, target } = ruleTarget(ruleId);
	authorize(viewer, 'rules:manage', target);
	const changes = parsePatch(ZRulePatch, raw as Record<string, unknown>);
	return write((tx) => {
		assertDraft(tx, version.id);
		const current = tx.select().from(rules).where(eq(rules.id, ruleId)).get();
		if (!current) throw notFound();
		const merged = { ...current, ...changes };
		// Caps are checked together: a patch of one must still fit the other.
		parsePatch(ZRulePatch, { monthlyCap: merged.monthlyCap, yearlyCap: merged.yearlyCap });
		const rule = tx
			.update(rules)
			.set({ ...changes, sortOrder: changes.sortOrder ?? current.sortOrder })
			.where(eq(rules.id, ruleId))
			.returning()
			.get();
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: 'rules.rule_update',
			subjectType: 'rule',
			subjectId: ruleId,
			detail: changes
		});
		return ruleView(rule);
	});
}
