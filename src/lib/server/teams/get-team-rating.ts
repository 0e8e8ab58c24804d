import { and, count, eq, gte, lte, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { members } from '$lib/server/db/schema';
import { careVisits } from '$lib/server/db/schema/care';
import { serviceRecords, teamMembers, volunteerTeams } from '$lib/server/db/schema/teams';
import { careIntervals, tierOf } from '$lib/server/care/intervals';
import { DomainError } from '$lib/server/errors';
import { addDays, villageDay } from '$lib/server/ledger/expiry-policy';
import { rateTeam, type TeamRating } from './team-rating';

export type TeamRatingReport = TeamRating & {
	/** The window: the first day of the month eleven months back, to today (village days). */
	from: string;
	to: string;
};

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The public 五星团队 rating of an active team with the figures behind it. Only counts and
 * shares leave here: no names, and care coverage as one number for the whole village.
 */
export function getTeamRating(teamId: number, now: Date = new Date()): TeamRatingReport {
	const team = db
		.select()
		.from(volunteerTeams)
		.where(and(eq(volunteerTeams.id, teamId), eq(volunteerTeams.active, true)))
		.get();
	if (!team) throw new DomainError('not_found');
	const to = villageDay(now);
	const [y, mo] = to.split('-').map(Number) as [number, number];
	const back = y * 12 + (mo - 1) - 11;
	const from = `${Math.floor(back / 12)}-${pad((back % 12) + 1)}-01`;

	const activeMembers =
		db
			.select({ n: count() })
			.from(teamMembers)
			.where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.status, 'active')))
			.get()?.n ?? 0;
	const months = db
		.select({
			month: sql<string>`substr(${serviceRecords.serviceDate}, 1, 7)`,
			half: sql<number>`sum(${serviceRecords.halfHours})`
		})
		.from(serviceRecords)
		.where(
			and(
				eq(serviceRecords.teamId, teamId),
				gte(serviceRecords.serviceDate, from),
				lte(serviceRecords.serviceDate, to)
			)
		)
		.groupBy(sql`substr(${serviceRecords.serviceDate}, 1, 7)`)
		.all();

	let care: { elders: number; onSchedule: number } | null = null;
	if (team.type === '巡访关爱') {
		const intervals = careIntervals(db, team.villageId);
		const elders = db
			.select({
				riskTier: members.riskTier,
				last: sql<string | null>`max(${careVisits.visitedOn})`
			})
			.from(members)
			.leftJoin(
				careVisits,
				and(
					eq(careVisits.elderMemberId, members.id),
					eq(careVisits.teamId, teamId),
					lte(careVisits.visitedOn, to)
				)
			)
			.where(
				and(
					eq(members.villageId, team.villageId),
					eq(members.active, true),
					sql`json_array_length(${members.careTags}) > 0`
				)
			)
			.groupBy(members.id)
			.all();
		care = {
			elders: elders.length,
			onSchedule: elders.filter(
				(e) => e.last !== null && addDays(e.last, intervals[tierOf(e.riskTier)]) >= to
			).length
		};
	}
	return {
		...rateTeam({
			activeMembers,
			halfHours: months.reduce((n, r) => n + Number(r.half), 0),
			// A month whose records were corrected to nothing had no activity.
			activeMonths: months.filter((r) => Number(r.half) > 0).length,
			care
		}),
		from,
		to
	};
}
