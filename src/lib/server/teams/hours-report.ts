import { and, asc, between, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { households, members } from '$lib/server/db/schema';
import { serviceRecords, volunteerTeams, type TeamType } from '$lib/server/db/schema/teams';
import { villageDay } from '$lib/server/ledger/expiry-policy';
import { parseInput } from '$lib/server/people/schemas';
import { authorize } from '$lib/server/permissions';

/** ?year=YYYY, or ?month=YYYY-MM (wins when both are given); default this village year. */
export const ZHoursQuery = z.object({
	year: z
		.string()
		.trim()
		.regex(/^\d{4}$/)
		.optional(),
	month: z
		.string()
		.trim()
		.regex(/^\d{4}-(0[1-9]|1[0-2])$/)
		.optional()
});

export type HoursByTeam = {
	teamId: number;
	name: string;
	type: TeamType;
	hours: number;
	/** Members with confirmed hours in the period. */
	members: number;
};

export type HoursByMember = {
	memberId: number;
	name: string;
	householdNumber: string;
	teamId: number;
	teamName: string;
	hours: number;
};

export type HoursReport = {
	/** "YYYY" or "YYYY-MM" */
	period: string;
	from: string;
	to: string;
	hours: number;
	byTeam: HoursByTeam[];
	byMember: HoursByMember[];
	/** Every month of the period, in order, zero when nothing was served. */
	byMonth: { month: string; hours: number }[];
};

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Confirmed hours (志愿服务时长) for a village year or month, by team, member and month.
 * Corrections carry the corrected record's service date, so they net off in the same period;
 * service dates are village days already, so the period needs no time-zone arithmetic beyond
 * the default "this year".
 */
export function hoursReport(
	viewer: Viewer | null,
	villageId: number,
	raw: z.input<typeof ZHoursQuery> = {},
	now: Date = new Date()
): HoursReport {
	const query = parseInput(ZHoursQuery, raw);
	authorize(viewer, 'teams:manage', { kind: 'village', villageId });
	const period = query.month ?? query.year ?? villageDay(now).slice(0, 4);
	const year = Number(period.slice(0, 4));
	const months =
		period.length === 7 ? [period] : Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`);
	const from = `${months[0]}-01`;
	const to = `${months[months.length - 1]}-31`;

	const rows = db
		.select({
			teamId: serviceRecords.teamId,
			teamName: volunteerTeams.name,
			teamType: volunteerTeams.type,
			memberId: serviceRecords.memberId,
			name: members.name,
			householdNumber: households.number,
			serviceDate: serviceRecords.serviceDate,
			halfHours: serviceRecords.halfHours
		})
		.from(serviceRecords)
		.innerJoin(volunteerTeams, eq(serviceRecords.teamId, volunteerTeams.id))
		.innerJoin(members, eq(serviceRecords.memberId, members.id))
		.innerJoin(households, eq(serviceRecords.householdId, households.id))
		.where(
			and(eq(serviceRecords.villageId, villageId), between(serviceRecords.serviceDate, from, to))
		)
		.orderBy(asc(serviceRecords.id))
		.all();

	const teams = new Map<number, HoursByTeam & { half: number }>();
	const people = new Map<string, HoursByMember & { half: number }>();
	const monthHalf = new Map<string, number>(months.map((mo) => [mo, 0]));
	let total = 0;
	for (const r of rows) {
		total += r.halfHours;
		const team = teams.get(r.teamId) ?? {
			teamId: r.teamId,
			name: r.teamName,
			type: r.teamType,
			hours: 0,
			members: 0,
			half: 0
		};
		team.half += r.halfHours;
		teams.set(r.teamId, team);
		const key = `${r.teamId}:${r.memberId}`;
		const person = people.get(key) ?? {
			memberId: r.memberId,
			name: r.name,
			householdNumber: r.householdNumber,
			teamId: r.teamId,
			teamName: r.teamName,
			hours: 0,
			half: 0
		};
		person.half += r.halfHours;
		people.set(key, person);
		const mo = r.serviceDate.slice(0, 7);
		monthHalf.set(mo, (monthHalf.get(mo) ?? 0) + r.halfHours);
	}
	// A record corrected to nothing leaves no hours: such a member isn't listed.
	const byMember = [...people.values()]
		.filter((p) => p.half !== 0)
		.map(({ half, ...p }) => ({ ...p, hours: half / 2 }))
		.sort(
			(a, b) =>
				b.hours - a.hours ||
				a.teamName.localeCompare(b.teamName, 'zh-CN') ||
				a.householdNumber.localeCompare(b.householdNumber) ||
				a.memberId - b.memberId
		);
	const byTeam = [...teams.values()]
		.map(({ half, ...t }) => ({
			...t,
			hours: half / 2,
			members: byMember.filter((p) => p.teamId === t.teamId).length
		}))
		.sort((a, b) => b.hours - a.hours || a.name.localeCompare(b.name, 'zh-CN'));
	return {
		period,
		from,
		to,
		hours: total / 2,
		byTeam,
		byMember,
		byMonth: months.map((month) => ({ month, hours: (monthHalf.get(month) ?? 0) / 2 }))
	};
}
