import { and, desc, eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { villages } from '$lib/server/db/schema';
import { polls } from '$lib/server/db/schema/polls';
import { DomainError } from '$lib/server/errors';
import { can } from '$lib/server/permissions';
import { announceClosedPolls } from './announce-closed-polls';
import { isClosed, pollView, voterOf, type PollView } from './views';

export type PollVillage = { id: number; name: string; code: string };

export type PollList = {
	village: PollVillage;
	/** Still taking votes, closing soonest first. */
	open: PollView[];
	/** With their results, most recently closed first. */
	closed: PollView[];
};

/** An active village by id or by code, as anyone may look it up; not_found otherwise. */
export function pollVillage(by: { id: number } | { code: string }): PollVillage {
	const village = db
		.select({ id: villages.id, name: villages.name, code: villages.code })
		.from(villages)
		.where(
			and(
				'id' in by ? eq(villages.id, by.id) : eq(villages.code, by.code),
				eq(villages.active, true)
			)
		)
		.get();
	if (!village) throw new DomainError('not_found');
	return village;
}

/**
 * A village's polls. Public, like the notice board: the village feed announces every poll to
 * anyone, and results (numbers of households per option, no names) are published at close.
 * While a poll is open nobody sees counts. A villager of the village also sees their
 * household's current vote and whether they may vote.
 */
export function listPolls(
	viewer: Viewer | null,
	village: PollVillage,
	options: { onBehalfOfMemberId?: number | null; now?: Date } = {}
): PollList {
	if (!can(viewer, 'polls:view_results', { kind: 'village', villageId: village.id })) {
		throw new DomainError('not_found');
	}
	const now = options.now ?? new Date();
	announceClosedPolls(village.id, now);
	const voter = voterOf(viewer, village.id, options.onBehalfOfMemberId ?? null);
	const rows = db
		.select()
		.from(polls)
		.where(eq(polls.villageId, village.id))
		.orderBy(desc(polls.id))
		.all();
	const open = rows
		.filter((p) => !isClosed(p, now))
		.sort((a, b) => a.closesAt.getTime() - b.closesAt.getTime());
	const closed = rows
		.filter((p) => isClosed(p, now))
		.sort(
			(a, b) =>
				(b.closedAt ?? b.closesAt).getTime() - (a.closedAt ?? a.closesAt).getTime() || b.id - a.id
		);
	return {
		village,
		open: open.map((p) => pollView(p, voter, now)),
		closed: closed.map((p) => pollView(p, voter, now))
	};
}
