import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import {
	depositSlips,
	households,
	members,
	rules,
	slipObjections,
	users,
	type ObjectionStatus,
	type SlipStatus
} from '$lib/server/db/schema';
import { authorize } from '$lib/server/permissions';

export type ObjectionItem = {
	id: number;
	status: ObjectionStatus;
	reason: string;
	/** ISO time the objection was raised. */
	raisedAt: string;
	/** Who objected: for the committee's follow-up only, never shown publicly. */
	raisedByName: string;
	resolution: string | null;
	resolvedAt: string | null;
	slip: {
		id: number;
		status: SlipStatus;
		householdNumber: string;
		memberName: string;
		ruleName: string;
		quantity: number;
		points: number;
		occurredOn: string;
		noticeEndsAt: string | null;
	};
};

/** Resolved objections shown under the standing ones, newest first. */
const RESOLVED_SHOWN = 50;

/**
 * The committee's objection worklist for a village: every standing objection (oldest first —
 * the longest waiting on top), then the most recently resolved ones with their decision.
 */
export function listObjections(
	viewer: Viewer | null,
	villageId: number,
	options: { status?: ObjectionStatus } = {}
): ObjectionItem[] {
	authorize(viewer, 'slips:resolve_objection', { kind: 'village', villageId });
	const query = (status: 'standing' | 'resolved', limit: number) =>
		db
			.select({
				id: slipObjections.id,
				status: slipObjections.status,
				reason: slipObjections.reason,
				createdAt: slipObjections.createdAt,
				raisedByName: users.name,
				resolution: slipObjections.resolution,
				resolvedAt: slipObjections.resolvedAt,
				slipId: depositSlips.id,
				slipStatus: depositSlips.status,
				householdNumber: households.number,
				memberName: members.name,
				ruleName: rules.name,
				quantity: depositSlips.quantity,
				points: depositSlips.points,
				occurredOn: depositSlips.occurredOn,
				noticeEndsAt: depositSlips.noticeEndsAt
			})
			.from(slipObjections)
			.innerJoin(depositSlips, eq(depositSlips.id, slipObjections.slipId))
			.innerJoin(households, eq(households.id, depositSlips.householdId))
			.innerJoin(members, eq(members.id, depositSlips.memberId))
			.innerJoin(rules, eq(rules.id, depositSlips.ruleId))
			.innerJoin(users, eq(users.id, slipObjections.raisedBy))
			.where(
				and(
					eq(slipObjections.villageId, villageId),
					status === 'standing'
						? eq(slipObjections.status, 'standing')
						: options.status
							? eq(slipObjections.status, options.status)
							: sql`${slipObjections.status} <> 'standing'`
				)
			)
			.orderBy(
				...(status === 'standing'
					? [asc(slipObjections.id)]
					: [desc(slipObjections.resolvedAt), desc(slipObjections.id)])
			)
			.limit(limit)
			.all();
	const rows = [
		...(options.status === undefined || options.status === 'standing' ? query('standing', -1) : []),
		...(options.status !== 'standing' ? query('resolved', RESOLVED_SHOWN) : [])
	];
	return rows.map((r) => ({
		id: r.id,
		status: r.status,
		reason: r.reason,
		raisedAt: r.createdAt.toISOString(),
		raisedByName: r.raisedByName,
		resolution: r.resolution,
		resolvedAt: r.resolvedAt?.toISOString() ?? null,
		slip: {
			id: r.slipId,
			status: r.slipStatus,
			householdNumber: r.householdNumber,
			memberName: r.memberName,
			ruleName: r.ruleName,
			quantity: r.quantity,
			points: r.points,
			occurredOn: r.occurredOn,
			noticeEndsAt: r.noticeEndsAt?.toISOString() ?? null
		}
	}));
}
