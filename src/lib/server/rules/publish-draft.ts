import { and, count, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { roomName } from '$lib/realtime/events';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { ruleVersions, rules } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import { parseInput } from '$lib/server/people/schemas';
import { recordFeed } from '$lib/server/realtime/publish';
import { ZVersionFields } from './schemas';
import * as m from '$lib/paraglide/messages';
import { assertDraft, versionTarget } from './targets';
import { versionDetail, type VersionDetail } from './views';

/**
 * Publishes a draft: it becomes the village's current rule book and the previous one is
 * superseded. Both are read-only from then on. The draft needs how and when it was adopted
 * (given here or saved before) and at least one active rule.
 */
export function publishDraft(
	viewer: Viewer | null,
	versionId: number,
	raw: z.input<typeof ZVersionFields> = {},
	now: Date = new Date()
): VersionDetail {
	const { target } = versionTarget(versionId);
	authorize(viewer, 'rules:manage', target);
	const input = parseInput(ZVersionFields, raw);
	return write((tx) => {
		const draft = assertDraft(tx, versionId);
		const adoptedBy = input.adoptedBy ?? draft.adoptedBy;
		const adoptedOn = input.adoptedOn === undefined ? draft.adoptedOn : input.adoptedOn;
		const resolution = input.resolution ?? draft.resolution;
		const active = tx
			.select({ n: count() })
			.from(rules)
			.where(and(eq(rules.versionId, versionId), eq(rules.active, true)))
			.get();
		if (!adoptedBy || !adoptedOn || (active?.n ?? 0) === 0) {
			throw new DomainError('rule_book_incomplete', {
				details: {
					fieldErrors: {
						...(adoptedBy ? {} : { adoptedBy: m.points_v_adopted_by_required() }),
						...(adoptedOn ? {} : { adoptedOn: m.points_v_adopted_on_required() })
					}
				}
			});
		}
		const previous = tx
			.update(ruleVersions)
			.set({ status: 'superseded', supersededAt: now })
			.where(
				and(eq(ruleVersions.villageId, target.villageId), eq(ruleVersions.status, 'published'))
			)
			.returning({ number: ruleVersions.number })
			.get();
		const version = tx
			.update(ruleVersions)
			.set({
				status: 'published',
				adoptedBy,
				adoptedOn,
				resolution,
				publishedAt: now,
				publishedBy: viewer.userId
			})
			.where(eq(ruleVersions.id, versionId))
			.returning()
			.get();
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: 'rules.publish',
			subjectType: 'rule_version',
			subjectId: versionId,
			detail: { number: version.number, supersedes: previous?.number ?? null, adoptedBy, adoptedOn }
		});
		// The village room is public: the version number and the adopting body (村民代表大会…) only.
		recordFeed(tx, {
			villageId: target.villageId,
			room: roomName('village', target.villageId),
			type: 'rules_published',
			payload: { version: version.number, adoptedBy }
		});
		return versionDetail(version, tx);
	});
}
