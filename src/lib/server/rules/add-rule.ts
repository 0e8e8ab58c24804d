import { eq, max } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { rules } from '$lib/server/db/schema';
import { authorize } from '$lib/server/permissions';
import { parseInput } from '$lib/server/people/schemas';
import { newRuleKey } from './rule-key';
import { ZRuleFields } from './schemas';
import { assertDraft, versionTarget } from './targets';
import { ruleView, type RuleView } from './views';

/** Adds a rule to a draft (without a sort order it goes last). */
export function addRule(
	viewer: Viewer | null,
	versionId: number,
	raw: z.input<typeof ZRuleFields>
): RuleView {
	const { target } = versionTarget(versionId);
	authorize(viewer, 'rules:manage', target);
	const input = parseInput(ZRuleFields, raw);
	return write((tx) => {
		assertDraft(tx, versionId);
		const last = tx
			.select({ n: max(rules.sortOrder) })
			.from(rules)
			.where(eq(rules.versionId, versionId))
			.get();
		const rule = tx
			.insert(rules)
			.values({
				...input,
				sortOrder: input.sortOrder ?? (last?.n ?? 0) + 10,
				villageId: target.villageId,
				versionId,
				key: newRuleKey()
			})
			.returning()
			.get();
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: 'rules.rule_add',
			subjectType: 'rule',
			subjectId: rule.id,
			detail: { versionId, ...input }
		});
		return ruleView(rule);
	});
}
