import { and, asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { db, type DB, type Tx } from '$lib/server/db';
import { pollOptions, pollVotes, type Poll } from '$lib/server/db/schema/polls';
import { can } from '$lib/server/permissions';
import { shopperTarget } from '$lib/server/shop/shopper';

export const ZPollView = z.object({
	id: z.number().int(),
	villageId: z.number().int(),
	title: z.string(),
	description: z.string(),
	closesAt: z.string(),
	/** When it stopped taking votes: `closesAt`, or earlier when the committee closed it early. */
	closedAt: z.string().nullable(),
	closed: z.boolean(),
	closedEarly: z.boolean(),
	createdAt: z.string(),
	options: z.array(
		z.object({
			id: z.number().int(),
			label: z.string(),
			/** Households that chose it: null while the poll is open (nobody sees counts then). */
			votes: z.number().int().nullable()
		})
	),
	/** Households that voted: null while the poll is open. */
	households: z.number().int().nullable(),
	/** The viewer's household's current vote (null: none yet, or not a household of the village). */
	myVote: z
		.object({ optionId: z.number().int(), label: z.string(), updatedAt: z.string() })
		.nullable(),
	/** Whether the viewer may cast or change the household's vote now. */
	mayVote: z.boolean()
});
export type PollView = z.infer<typeof ZPollView>;

export const isClosed = (poll: Poll, now: Date): boolean =>
	poll.closedAt !== null || poll.closesAt.getTime() <= now.getTime();

/**
 * The household the viewer votes for in `villageId` and whether they may: the household of the
 * member they act for (代办), or their own. Null for anyone with no household in that village.
 */
export function voterOf(
	viewer: Viewer | null,
	villageId: number,
	onBehalfOfMemberId: number | null
): { householdId: number; mayVote: boolean } | null {
	if (!viewer || (viewer.memberId === null && !onBehalfOfMemberId)) return null;
	const target = shopperTarget(viewer, onBehalfOfMemberId);
	if (target.villageId !== villageId) return null;
	return { householdId: target.householdId, mayVote: can(viewer, 'polls:vote', target) };
}

export function householdsVoted(q: DB | Tx, pollId: number): number {
	return q.select({ n: count() }).from(pollVotes).where(eq(pollVotes.pollId, pollId)).get()?.n ?? 0;
}

/**
 * One poll as anyone may see it: the counts only once it has closed (and then only numbers of
 * households — never who chose what), plus the given household's own vote.
 */
export function pollView(
	poll: Poll,
	voter: { householdId: number; mayVote: boolean } | null,
	now: Date,
	q: DB | Tx = db
): PollView {
	const closed = isClosed(poll, now);
	const options = q
		.select({ id: pollOptions.id, label: pollOptions.label })
		.from(pollOptions)
		.where(eq(pollOptions.pollId, poll.id))
		.orderBy(asc(pollOptions.sortOrder))
		.all();
	const tally = new Map<number, number>();
	if (closed) {
		for (const row of q
			.select({ optionId: pollVotes.optionId, n: count() })
			.from(pollVotes)
			.where(eq(pollVotes.pollId, poll.id))
			.groupBy(pollVotes.optionId)
			.all()) {
			tally.set(row.optionId, row.n);
		}
	}
	const mine = voter
		? q
				.select({ optionId: pollVotes.optionId, updatedAt: pollVotes.updatedAt })
				.from(pollVotes)
				.where(and(eq(pollVotes.pollId, poll.id), eq(pollVotes.householdId, voter.householdId)))
				.get()
		: undefined;
	const closedAt = poll.closedAt ?? (closed ? poll.closesAt : null);
	return {
		id: poll.id,
		villageId: poll.villageId,
		title: poll.title,
		description: poll.description,
		closesAt: poll.closesAt.toISOString(),
		closedAt: closedAt?.toISOString() ?? null,
		closed,
		closedEarly: poll.closedAt !== null,
		createdAt: poll.createdAt.toISOString(),
		options: options.map((o) => ({
			id: o.id,
			label: o.label,
			votes: closed ? (tally.get(o.id) ?? 0) : null
		})),
		households: closed ? [...tally.values()].reduce((a, b) => a + b, 0) : null,
		myVote: mine
			? {
					optionId: mine.optionId,
					label: options.find((o) => o.id === mine.optionId)?.label ?? '',
					updatedAt: mine.updatedAt.toISOString()
				}
			: null,
		mayVote: !closed && !!voter?.mayVote
	};
}
