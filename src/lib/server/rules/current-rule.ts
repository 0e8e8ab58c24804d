import { and, eq } from 'drizzle-orm';
import type { DB, Tx } from '$lib/server/db';
import { ruleVersions, rules, type Rule } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';

/**
 * For the modules that post points under a rule (slips, inspections, events): the rule if it is
 * active in the village's current published rule book, with the version to cite; otherwise
 * `rule_not_current`. Call it inside the transaction that posts.
 */
export function currentRule(
	q: DB | Tx,
	villageId: number,
	ruleId: number
): { rule: Rule; citation: { ruleId: number; ruleVersionId: number } } {
	const row = q
		.select({ rule: rules })
		.from(rules)
		.innerJoin(ruleVersions, eq(ruleVersions.id, rules.versionId))
		.where(
			and(
				eq(rules.id, ruleId),
				eq(ruleVersions.villageId, villageId),
				eq(ruleVersions.status, 'published'),
				eq(rules.active, true)
			)
		)
		.get();
	if (!row) throw new DomainError('rule_not_current');
	return { rule: row.rule, citation: { ruleId: row.rule.id, ruleVersionId: row.rule.versionId } };
}
