import { and, asc, eq, isNull, max, sql } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { households, members, tenGroups, type CareTag, type RiskTier } from '$lib/server/db/schema';
import { careVisits } from '$lib/server/db/schema/care';
import { volunteerTeams } from '$lib/server/db/schema/teams';
import { villageDay } from '$lib/server/ledger/expiry-policy';
import { authorize } from '$lib/server/permissions';
import { careTarget } from './care-target';
import { careIntervals, schedule, tierOf, type CareIntervals, type CareStatus } from './intervals';

export type WorklistElder = {
	memberId: number;
	name: string;
	householdNumber: string;
	careTags: CareTag[];
	riskTier: RiskTier | null;
	intervalDays: number;
	lastVisitedOn: string | null;
	nextDue: string;
	status: CareStatus;
	dueThisWeek: boolean;
	openFollowUps: number;
};

export type Worklist = {
	today: string;
	intervals: CareIntervals;
	teams: { id: number; name: string }[];
	teamId: number | null;
	counts: Record<CareStatus, number>;
	groups: { groupId: number | null; groupName: string | null; elders: WorklistElder[] }[];
};

const RANK: Record<CareStatus, number> = { overdue: 0, due: 1, ok: 2 };

/**
 * Every elder with at least one care tag, by ten-household group: last visit, next due date by
 * risk tier, status. With a team: the elders that team has visited, plus those nobody has visited
 * yet (so no one drops off every team's list). Most urgent first within a group.
 */
export function listWorklist(
	viewer: Viewer | null,
	villageId: number,
	options: { teamId?: number | null; now?: Date } = {}
): Worklist {
	authorize(viewer, 'care:view', careTarget(villageId));
	const today = villageDay(options.now ?? new Date());
	const intervals = careIntervals(db, villageId);
	const teams = db
		.select({ id: volunteerTeams.id, name: volunteerTeams.name })
		.from(volunteerTeams)
		.where(
			and(
				eq(volunteerTeams.villageId, villageId),
				eq(volunteerTeams.type, '巡访关爱'),
				eq(volunteerTeams.active, true)
			)
		)
		.orderBy(asc(volunteerTeams.name))
		.all();
	const teamId = teams.some((t) => t.id === options.teamId) ? options.teamId! : null;

	const elders = db
		.select({
			memberId: members.id,
			name: members.name,
			careTags: members.careTags,
			riskTier: members.riskTier,
			householdNumber: households.number,
			groupId: tenGroups.id,
			groupName: tenGroups.name
		})
		.from(members)
		.innerJoin(households, eq(members.householdId, households.id))
		.leftJoin(tenGroups, eq(households.tenGroupId, tenGroups.id))
		.where(
			and(
				eq(members.villageId, villageId),
				eq(members.active, true),
				sql`json_array_length(${members.careTags}) > 0`
			)
		)
		.orderBy(asc(tenGroups.name), asc(households.number), asc(members.id))
		.all();

	const last = new Map(
		db
			.select({ elder: careVisits.elderMemberId, on: max(careVisits.visitedOn) })
			.from(careVisits)
			.where(eq(careVisits.villageId, villageId))
			.groupBy(careVisits.elderMemberId)
			.all()
			.map((r) => [r.elder, r.on])
	);
	const open = new Map(
		db
			.select({ elder: careVisits.elderMemberId, n: sql<number>`count(*)` })
			.from(careVisits)
			.where(
				and(
					eq(careVisits.villageId, villageId),
					eq(careVisits.followUp, true),
					isNull(careVisits.followUpResolvedAt)
				)
			)
			.groupBy(careVisits.elderMemberId)
			.all()
			.map((r) => [r.elder, r.n])
	);
	const byTeam =
		teamId === null
			? null
			: new Set(
					db
						.selectDistinct({ elder: careVisits.elderMemberId })
						.from(careVisits)
						.where(eq(careVisits.teamId, teamId))
						.all()
						.map((r) => r.elder)
				);

	const counts: Record<CareStatus, number> = { overdue: 0, due: 0, ok: 0 };
	const groups = new Map<number | null, Worklist['groups'][number]>();
	for (const e of elders) {
		const lastVisitedOn = last.get(e.memberId) ?? null;
		if (byTeam && lastVisitedOn !== null && !byTeam.has(e.memberId)) continue;
		const intervalDays = intervals[tierOf(e.riskTier)];
		const s = schedule(lastVisitedOn, intervalDays, today);
		counts[s.status]++;
		let group = groups.get(e.groupId);
		if (!group) {
			group = { groupId: e.groupId, groupName: e.groupName, elders: [] };
			groups.set(e.groupId, group);
		}
		group.elders.push({
			memberId: e.memberId,
			name: e.name,
			householdNumber: e.householdNumber,
			careTags: e.careTags,
			riskTier: e.riskTier,
			intervalDays,
			lastVisitedOn,
			...s,
			openFollowUps: open.get(e.memberId) ?? 0
		});
	}
	for (const g of groups.values()) {
		g.elders.sort((a, b) => RANK[a.status] - RANK[b.status] || a.nextDue.localeCompare(b.nextDue));
	}
	return { today, intervals, teams, teamId, counts, groups: [...groups.values()] };
}
