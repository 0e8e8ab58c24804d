import { aliasedTable, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { households, members } from '$lib/server/db/schema';
import { careVisits } from '$lib/server/db/schema/care';
import { serviceRecords, volunteerTeams } from '$lib/server/db/schema/teams';

const elder = aliasedTable(members, 'elder');
const visitor = aliasedTable(members, 'visitor');

/** Visits with the elder's and visitor's names, the team and the hours recorded with each. */
export const visitRows = () =>
	db
		.select({
			id: careVisits.id,
			villageId: careVisits.villageId,
			elderMemberId: careVisits.elderMemberId,
			elderName: elder.name,
			householdNumber: households.number,
			visitorMemberId: careVisits.visitorMemberId,
			visitorName: visitor.name,
			teamId: careVisits.teamId,
			teamName: volunteerTeams.name,
			visitedOn: careVisits.visitedOn,
			health: careVisits.health,
			safety: careVisits.safety,
			living: careVisits.living,
			needs: careVisits.needs,
			followUp: careVisits.followUp,
			followUpNote: careVisits.followUpNote,
			followUpResolvedAt: careVisits.followUpResolvedAt,
			halfHours: serviceRecords.halfHours
		})
		.from(careVisits)
		.innerJoin(elder, eq(careVisits.elderMemberId, elder.id))
		.innerJoin(households, eq(elder.householdId, households.id))
		.innerJoin(visitor, eq(careVisits.visitorMemberId, visitor.id))
		.leftJoin(volunteerTeams, eq(careVisits.teamId, volunteerTeams.id))
		.leftJoin(serviceRecords, eq(careVisits.serviceRecordId, serviceRecords.id));

export type VisitRow = Awaited<ReturnType<ReturnType<typeof visitRows>['all']>>[number];
