import { eq } from 'drizzle-orm';
import { db, type DB, type Tx } from '$lib/server/db';
import { ruleVersions, rules, type RuleVersion } from '$lib/server/db/schema';
import { DomainError, notFound } from '$lib/server/errors';
import type { Target } from '$lib/server/permissions';

/** A version of a rule book and its village as a permission target (404 if there is none). */
export function versionTarget(versionId: number): {
	version: RuleVersion;
	target: Extract<Target, { kind: 'village' }>;
} {
	const version = db.select().from(ruleVersions).where(eq(ruleVersions.id, versionId)).get();
	if (!version) throw notFound();
	return { version, target: { kind: 'village', villageId: version.villageId } };
}

/** The version a rule belongs to, as for versionTarget. */
export function ruleTarget(ruleId: number) {
	const rule = db
		.select({ versionId: rules.versionId })
		.from(rules)
		.where(eq(rules.id, ruleId))
		.get();
	if (!rule) throw notFound();
	return versionTarget(rule.versionId);
}

/** Re-reads the version inside the write transaction: only a draft may change. */
export function assertDraft(q: DB | Tx, versionId: number): RuleVersion {
	const version = q.select().from(ruleVersions).where(eq(ruleVersions.id, versionId)).get();
	if (!version) throw notFound();
	if (version.status !== 'draft') throw new DomainError('rule_book_not_draft');
	return version;
}
