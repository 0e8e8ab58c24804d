import { eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { polls } from '$lib/server/db/schema/polls';
import { DomainError } from '$lib/server/errors';
import { can } from '$lib/server/permissions';
import { announceClosedPolls } from './announce-closed-polls';
import { pollVillage, type PollVillage } from './list-polls';
import { pollView, voterOf, type PollView } from './views';

/**
 * One poll, public like the list (see listPolls): options, closing time, results once closed;
 * for a villager of its village also the household's current vote.
 */
export function getPoll(
	viewer: Viewer | null,
	pollId: number,
	options: { onBehalfOfMemberId?: number | null; now?: Date } = {}
): { village: PollVillage; poll: PollView } {
	const now = options.now ?? new Date();
	const found = db.select().from(polls).where(eq(polls.id, pollId)).get();
	if (!found) throw new DomainError('not_found');
	const village = pollVillage({ id: found.villageId });
	if (!can(viewer, 'polls:view_results', { kind: 'village', villageId: village.id })) {
		throw new DomainError('not_found');
	}
	// The announcement may have just closed it by time; read the row again after.
	announceClosedPolls(village.id, now);
	const poll = db.select().from(polls).where(eq(polls.id, pollId)).get() ?? found;
	const voter = voterOf(viewer, village.id, options.onBehalfOfMemberId ?? null);
	return { village, poll: pollView(poll, voter, now) };
}
