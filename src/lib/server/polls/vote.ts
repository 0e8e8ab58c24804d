import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write } from '$lib/server/db';
import { pollOptions, polls, pollVotes } from '$lib/server/db/schema/polls';
import { DomainError } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { authorize } from '$lib/server/permissions';
import { shopperTarget } from '$lib/server/shop/shopper';
import * as m from '$lib/paraglide/messages';
import { ZVote } from './schemas';
import { isClosed, pollView, type PollView } from './views';

/**
 * Casts the household's one vote, or changes it while the poll is open: one row per household
 * and poll (a unique index), so a changed vote — or a second member of the household voting —
 * replaces the earlier choice and counts once.
 *
 * Who may: whoever may order at the shop for the household — the head, a member the head
 * allows, or someone acting (代办) for one of them ('polls:vote', the rule of 'shop:order').
 */
export function vote(
	viewer: Viewer | null,
	pollId: number,
	raw: z.input<typeof ZVote>,
	options: { onBehalfOfMemberId?: number | null; now?: Date } = {}
): PollView {
	const input = parseInput(ZVote, raw);
	const onBehalfOfMemberId = options.onBehalfOfMemberId ?? null;
	const target = shopperTarget(viewer, onBehalfOfMemberId);
	authorize(viewer, 'polls:vote', target);
	const now = options.now ?? new Date();
	const { villageId, householdId } = target;

	return write((tx) => {
		const poll = tx
			.select()
			.from(polls)
			.where(and(eq(polls.id, pollId), eq(polls.villageId, villageId)))
			.get();
		if (!poll) throw new DomainError('not_found');
		if (isClosed(poll, now)) throw new DomainError('poll_closed');
		const option = tx
			.select({ id: pollOptions.id })
			.from(pollOptions)
			.where(and(eq(pollOptions.id, input.optionId), eq(pollOptions.pollId, poll.id)))
			.get();
		if (!option) {
			const message = m.polls_v_choose();
			throw new DomainError('validation', {
				message,
				details: { fieldErrors: { optionId: message } }
			});
		}
		const values = {
			optionId: option.id,
			votedBy: viewer.userId,
			onBehalfOfMemberId,
			updatedAt: now
		};
		tx.insert(pollVotes)
			.values({ pollId: poll.id, householdId, createdAt: now, ...values })
			.onConflictDoUpdate({ target: [pollVotes.pollId, pollVotes.householdId], set: values })
			.run();
		recordAudit(tx, {
			villageId,
			actorUserId: viewer.userId,
			onBehalfOfMemberId,
			action: 'polls.vote',
			subjectType: 'poll',
			subjectId: poll.id,
			detail: { householdId, optionId: option.id }
		});
		return pollView(poll, { householdId, mayVote: true }, now, tx);
	});
}
