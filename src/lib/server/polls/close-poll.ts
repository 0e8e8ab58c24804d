import { and, eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write } from '$lib/server/db';
import { polls } from '$lib/server/db/schema/polls';
import { DomainError } from '$lib/server/errors';
import { ownVillageTarget } from '$lib/server/people/scope';
import { authorize } from '$lib/server/permissions';
import { recordFeed } from '$lib/server/realtime/publish';
import { roomName } from '$lib/realtime/events';
import { householdsVoted, isClosed, pollView, type PollView } from './views';

/**
 * The committee closes a poll before its closing time: no more votes, the results are public
 * at once, and the village feed says so.
 */
export function closePoll(
	viewer: Viewer | null,
	pollId: number,
	options: { now?: Date } = {}
): PollView {
	const village = ownVillageTarget(viewer);
	authorize(viewer, 'polls:manage', village);
	const now = options.now ?? new Date();

	return write((tx) => {
		const poll = tx
			.select()
			.from(polls)
			.where(and(eq(polls.id, pollId), eq(polls.villageId, village.villageId)))
			.get();
		if (!poll) throw new DomainError('not_found');
		if (isClosed(poll, now)) throw new DomainError('poll_closed');
		const closed = tx
			.update(polls)
			.set({ closedAt: now, closedBy: viewer.userId, closeAnnouncedAt: now })
			.where(eq(polls.id, poll.id))
			.returning()
			.get();
		const households = householdsVoted(tx, poll.id);
		recordFeed(tx, {
			villageId: poll.villageId,
			room: roomName('village', poll.villageId),
			type: 'poll_closed',
			payload: { pollId: poll.id, title: poll.title, households }
		});
		recordAudit(tx, {
			villageId: poll.villageId,
			actorUserId: viewer.userId,
			action: 'polls.close',
			subjectType: 'poll',
			subjectId: poll.id,
			detail: { closedAt: now.toISOString(), closesAt: poll.closesAt.toISOString(), households }
		});
		return pollView(closed, null, now, tx);
	});
}
