import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write } from '$lib/server/db';
import { pollOptions, polls } from '$lib/server/db/schema/polls';
import { DomainError } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { ownVillageTarget } from '$lib/server/people/scope';
import { authorize } from '$lib/server/permissions';
import { recordFeed } from '$lib/server/realtime/publish';
import { roomName } from '$lib/realtime/events';
import * as m from '$lib/paraglide/messages';
import { ZOpenPoll } from './schemas';
import { pollView, type PollView } from './views';

/** A poll runs at most this long: a question left open for years is forgotten, not answered. */
const MAX_OPEN_MS = 366 * 24 * 60 * 60 * 1000;

export type OpenPollResult = PollView & {
	/** false: the form's token named a poll already opened (a resent form). */
	created: boolean;
};

/**
 * The committee opens a poll (征求意见), e.g. which goods the shop should stock next: 2–20
 * options and a closing time in the future. The village feed (public) announces it with its
 * title and closing time.
 */
export function openPoll(
	viewer: Viewer | null,
	raw: z.input<typeof ZOpenPoll>,
	options: { now?: Date } = {}
): OpenPollResult {
	const input = parseInput(ZOpenPoll, raw);
	const village = ownVillageTarget(viewer);
	authorize(viewer, 'polls:manage', village);
	const now = options.now ?? new Date();
	const ahead = input.closesAt.getTime() - now.getTime();
	if (ahead <= 0 || ahead > MAX_OPEN_MS) {
		const message = ahead <= 0 ? m.polls_v_closes_future() : m.polls_v_closes_too_late();
		throw new DomainError('validation', {
			message,
			details: { fieldErrors: { closesAt: message } }
		});
	}
	const { villageId } = village;

	return write((tx) => {
		if (input.token) {
			const first = tx
				.select()
				.from(polls)
				.where(and(eq(polls.villageId, villageId), eq(polls.clientToken, input.token)))
				.get();
			if (first) return { ...pollView(first, null, now, tx), created: false };
		}
		const poll = tx
			.insert(polls)
			.values({
				villageId,
				title: input.title,
				description: input.description,
				closesAt: input.closesAt,
				createdBy: viewer.userId,
				clientToken: input.token ?? null,
				createdAt: now
			})
			.returning()
			.get();
		input.options.forEach((label, i) => {
			tx.insert(pollOptions).values({ pollId: poll.id, label, sortOrder: i }).run();
		});
		recordFeed(tx, {
			villageId,
			room: roomName('village', villageId),
			type: 'poll_opened',
			payload: { pollId: poll.id, title: poll.title, closesAt: poll.closesAt.toISOString() }
		});
		recordAudit(tx, {
			villageId,
			actorUserId: viewer.userId,
			action: 'polls.open',
			subjectType: 'poll',
			subjectId: poll.id,
			detail: {
				title: input.title,
				closesAt: input.closesAt.toISOString(),
				options: input.options
			}
		});
		return { ...pollView(poll, null, now, tx), created: true };
	});
}
