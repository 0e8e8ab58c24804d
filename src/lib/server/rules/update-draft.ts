import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { ruleVersions } from '$lib/server/db/schema';
import { authorize } from '$lib/server/permissions';
import { parseInput } from '$lib/server/people/schemas';
import { ZVersionFields } from './schemas';
import { assertDraft, versionTarget } from './targets';
import { versionDetail, type VersionDetail } from './views';

/** Changes how and when a draft was adopted: only the fields given. */
export function updateDraft(
	viewer: Viewer | null,
	versionId: number,
	raw: z.input<typeof ZVersionFields>
): VersionDetail {
	const { target } = versionTarget(versionId);
	authorize(viewer, 'rules:manage', target);
	const input = parseInput(ZVersionFields, raw);
	return write((tx) => {
		assertDraft(tx, versionId);
		const changes = Object.fromEntries(
			Object.entries(input).filter(([, v]) => v !== undefined)
		) as Partial<typeof ruleVersions.$inferInsert>;
		const version =
			Object.keys(changes).length > 0
				? tx
						.update(ruleVersions)
						.set(changes)
						.where(eq(ruleVersions.id, versionId))
						.returning()
						.get()
				: assertDraft(tx, versionId);
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: 'rules.draft_update',
			subjectType: 'rule_version',
			subjectId: versionId,
			detail: changes
		});
		return versionDetail(version, tx);
	});
}
