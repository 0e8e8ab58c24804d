import { and, asc, count, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { villages } from '$lib/server/db/schema';
import {
	TEAM_TYPES,
	teamMembers,
	volunteerTeams,
	type TeamType
} from '$lib/server/db/schema/teams';
import { DomainError } from '$lib/server/errors';
import { villageDay } from '$lib/server/ledger/expiry-policy';
import { teamHalfHours } from './hours';

export type PublicTeam = {
	id: number;
	name: string;
	type: TeamType;
	description: string;
	memberCount: number;
	/** Confirmed hours served this (village calendar) year. */
	hoursThisYear: number;
};

export type TeamList = {
	village: { id: number; name: string; code: string };
	teams: PublicTeam[];
};

/** The village's active teams with counts and hours: public, nothing about any person. */
export function publicTeam(teamId: number, now: Date): PublicTeam & { villageId: number } {
	const team = db
		.select()
		.from(volunteerTeams)
		.where(and(eq(volunteerTeams.id, teamId), eq(volunteerTeams.active, true)))
		.get();
	if (!team) throw new DomainError('not_found');
	const members = db
		.select({ n: count() })
		.from(teamMembers)
		.where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.status, 'active')))
		.get();
	const yearStart = `${villageDay(now).slice(0, 4)}-01-01`;
	return {
		id: team.id,
		villageId: team.villageId,
		name: team.name,
		type: team.type,
		description: team.description,
		memberCount: members?.n ?? 0,
		hoursThisYear: teamHalfHours(db, teamId, yearStart) / 2
	};
}

/** /teams?village=<code>: every active team of the village, by type then name. */
export function listTeams(villageCode: string, now: Date = new Date()): TeamList {
	const village = db
		.select({ id: villages.id, name: villages.name, code: villages.code })
		.from(villages)
		.where(and(eq(villages.code, villageCode), eq(villages.active, true)))
		.get();
	if (!village) throw new DomainError('not_found');
	const ids = db
		.select({ id: volunteerTeams.id, type: volunteerTeams.type })
		.from(volunteerTeams)
		.where(and(eq(volunteerTeams.villageId, village.id), eq(volunteerTeams.active, true)))
		.orderBy(asc(volunteerTeams.name))
		.all()
		.sort((a, b) => TEAM_TYPES.indexOf(a.type) - TEAM_TYPES.indexOf(b.type));
	return {
		village,
		teams: ids.map((t) => {
			const { villageId: _v, ...team } = publicTeam(t.id, now);
			return team;
		})
	};
}
