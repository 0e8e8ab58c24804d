import { and, desc, eq, inArray } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { ruleVersions, villages } from '$lib/server/db/schema';
import { notFound } from '$lib/server/errors';
import { versionDetail, versionSummary, type RuleBook } from './views';

/**
 * A village's rule book as anyone may read it (it is public by design: the 村规民约 is posted
 * on the village notice board): the current version — or an earlier one by number — with its
 * active rules, and the list of published versions. Drafts are never shown here.
 */
export function getRuleBook(village: { id: number } | { code: string }, number?: number): RuleBook {
	const v = db
		.select({ id: villages.id, name: villages.name, code: villages.code, town: villages.town })
		.from(villages)
		.where('id' in village ? eq(villages.id, village.id) : eq(villages.code, village.code))
		.get();
	if (!v) throw notFound();
	const history = db
		.select()
		.from(ruleVersions)
		.where(
			and(
				eq(ruleVersions.villageId, v.id),
				inArray(ruleVersions.status, ['published', 'superseded'])
			)
		)
		.orderBy(desc(ruleVersions.number))
		.all();
	const chosen =
		number === undefined
			? history.find((h) => h.status === 'published')
			: history.find((h) => h.number === number);
	if (number !== undefined && !chosen) throw notFound();
	const version = chosen ? versionDetail(chosen) : null;
	if (version) version.rules = version.rules.filter((r) => r.active);
	return { village: v, version, history: history.map(versionSummary) };
}
