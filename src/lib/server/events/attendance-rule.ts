import { and, eq } from 'drizzle-orm';
import type { DB, Tx } from '$lib/server/db';
import { ruleVersions, rules, type Rule } from '$lib/server/db/schema';
import type { Event } from '$lib/server/db/schema/events';

/**
 * The rule attendance earns now: the event's rule, or — when the rule book has been republished
 * since the event was created — the rule with the same key in the published version. Null when
 * the event gives no points or the rule has left the rule book.
 */
export function attendanceRule(
	q: DB | Tx,
	event: Pick<Event, 'villageId' | 'attendanceRuleId'>
): { rule: Rule; citation: { ruleId: number; ruleVersionId: number } } | null {
	if (event.attendanceRuleId === null) return null;
	const original = q
		.select({ key: rules.key })
		.from(rules)
		.where(eq(rules.id, event.attendanceRuleId))
		.get();
	if (!original) return null;
	const row = q
		.select({ rule: rules })
		.from(rules)
		.innerJoin(ruleVersions, eq(ruleVersions.id, rules.versionId))
		.where(
			and(
				eq(rules.key, original.key),
				eq(ruleVersions.villageId, event.villageId),
				eq(ruleVersions.status, 'published'),
				eq(rules.active, true)
			)
		)
		.get();
	if (!row) return null;
	return { rule: row.rule, citation: { ruleId: row.rule.id, ruleVersionId: row.rule.versionId } };
}
