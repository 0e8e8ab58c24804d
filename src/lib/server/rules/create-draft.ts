import { and, eq, max } from 'drizzle-orm';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { ruleVersions, rules } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import { ownVillageTarget } from '$lib/server/people/scope';
import { versionDetail, type VersionDetail } from './views';

/**
 * Starts the next version of the village's rule book as a draft, copying the current published
 * one (its rules keep their keys) — or empty, for a village's first rule book. One draft at a
 * time: the committee finishes or discards it before starting another.
 */
export function createDraft(viewer: Viewer | null): VersionDetail {
	const target = ownVillageTarget(viewer);
	authorize(viewer, 'rules:manage', target);
	const { villageId } = target;
	return write((tx) => {
		const draft = tx
			.select({ id: ruleVersions.id })
			.from(ruleVersions)
			.where(and(eq(ruleVersions.villageId, villageId), eq(ruleVersions.status, 'draft')))
			.get();
		if (draft) throw new DomainError('rule_draft_exists', { details: { draftId: draft.id } });
		const current = tx
			.select()
			.from(ruleVersions)
			.where(and(eq(ruleVersions.villageId, villageId), eq(ruleVersions.status, 'published')))
			.get();
		const last = tx
			.select({ n: max(ruleVersions.number) })
			.from(ruleVersions)
			.where(eq(ruleVersions.villageId, villageId))
			.get();
		const version = tx
			.insert(ruleVersions)
			.values({
				villageId,
				number: (last?.n ?? 0) + 1,
				status: 'draft',
				adoptedBy: current?.adoptedBy ?? '',
				createdBy: viewer.userId
			})
			.returning()
			.get();
		if (current) {
			const copied = tx.select().from(rules).where(eq(rules.versionId, current.id)).all();
			for (const { id: _id, createdAt: _at, versionId: _v, ...rule } of copied) {
				tx.insert(rules)
					.values({ ...rule, versionId: version.id })
					.run();
			}
		}
		recordAudit(tx, {
			villageId,
			actorUserId: viewer.userId,
			action: 'rules.draft_create',
			subjectType: 'rule_version',
			subjectId: version.id,
			detail: { number: version.number, copiedFrom: current?.number ?? null }
		});
		return versionDetail(version, tx);
	});
}
