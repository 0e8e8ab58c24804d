import { z } from 'zod';
import { TEAM_MEMBER_STATUSES, TEAM_ROLES, TEAM_TYPES } from '$lib/server/db/schema/teams';
import { zId } from '$lib/server/http/fields';
import { loadVillageByCode } from '$lib/server/teams/village-by-code';
import { applyToTeam } from '$lib/server/teams/apply-to-team';
import { appointLeader } from '$lib/server/teams/appoint-leader';
import { correctRecord } from '$lib/server/teams/correct-record';
import { createTeam } from '$lib/server/teams/create-team';
import { decideApplication } from '$lib/server/teams/decide-application';
import { dismissDispute } from '$lib/server/teams/dismiss-dispute';
import { disputeRecord } from '$lib/server/teams/dispute-record';
import { getCertificate } from '$lib/server/teams/get-certificate';
import { getTeamBoard } from '$lib/server/teams/get-team-board';
import { getVolunteering } from '$lib/server/teams/get-volunteering';
import { hoursReport, ZHoursQuery } from '$lib/server/teams/hours-report';
import { issueCertificate } from '$lib/server/teams/issue-certificate';
import { leaveTeam } from '$lib/server/teams/leave-team';
import { listStarNotice } from '$lib/server/teams/list-star-notice';
import { listTeams, publicTeam } from '$lib/server/teams/list-teams';
import { logActivity } from '$lib/server/teams/log-activity';
import { recordService } from '$lib/server/teams/record-service';
import {
	ZAppointLeader,
	ZApply,
	ZCorrectRecord,
	ZCreateTeam,
	ZDecideApplication,
	ZDisputeRecord,
	ZIssueCertificate,
	ZLeave,
	ZLogActivity,
	ZRecordService,
	ZResolveDispute,
	ZStarThresholds
} from '$lib/server/teams/schemas';
import { setStarThresholds } from '$lib/server/teams/set-star-thresholds';
import { verifyCertificate } from '$lib/server/teams/verify-certificate';
import { defineEndpoint } from '../endpoint';

/**
 * Volunteer teams (志愿服务队): teams and enrolment, service records (志愿服务记录) with
 * corrections and disputes, star levels (星级志愿者) on the notice board, certificates.
 */

const tag = 'teams';
const ZIdParams = z.object({ id: zId });
const ZNumberParams = z.object({ number: z.string().trim().min(1).max(40) });
const ZVillageQuery = z.object({ village: z.string().trim().min(1).max(40) });

const ZPublicTeam = z.object({
	id: z.number().int(),
	name: z.string(),
	type: z.enum(TEAM_TYPES),
	description: z.string(),
	memberCount: z.number().int(),
	hoursThisYear: z.number()
});

const ZTeamRow = z.object({
	id: z.number().int(),
	villageId: z.number().int(),
	name: z.string(),
	type: z.enum(TEAM_TYPES),
	description: z.string(),
	active: z.boolean()
});

const ZServiceRecord = z.object({
	id: z.number().int(),
	teamId: z.number().int(),
	activityId: z.number().int().nullable(),
	memberId: z.number().int(),
	householdId: z.number().int(),
	serviceDate: z.string(),
	halfHours: z.number().int(),
	content: z.string(),
	place: z.string(),
	pointsCredited: z.number().int(),
	correctsRecordId: z.number().int().nullable(),
	correctionReason: z.string().nullable(),
	disputeReason: z.string().nullable(),
	disputedAt: z.string().nullable(),
	resolvedAt: z.string().nullable(),
	resolution: z.enum(['corrected', 'dismissed']).nullable()
});

const ZRecordRow = z.object({
	id: z.number().int(),
	memberId: z.number().int(),
	memberName: z.string(),
	serviceDate: z.string(),
	hours: z.number(),
	content: z.string(),
	place: z.string(),
	points: z.number().int(),
	correctsRecordId: z.number().int().nullable(),
	correctionReason: z.string().nullable(),
	disputeReason: z.string().nullable(),
	disputed: z.boolean(),
	resolution: z.enum(['corrected', 'dismissed']).nullable(),
	resolutionNote: z.string().nullable()
});

const ZStatus = z.object({ status: z.enum(TEAM_MEMBER_STATUSES) });

const ZCertificate = z.object({
	number: z.string(),
	verifyPath: z.string(),
	memberName: z.string(),
	village: z.object({ name: z.string(), town: z.string() }),
	hours: z.number(),
	issuedAt: z.string(),
	issuerName: z.string(),
	records: z.array(
		z.object({
			serviceDate: z.string(),
			teamName: z.string(),
			content: z.string(),
			place: z.string(),
			hours: z.number(),
			correction: z.string().nullable()
		})
	)
});

export const listTeamsEndpoint = defineEndpoint({
	method: 'GET',
	path: '/teams',
	summary:
		'A village’s volunteer teams with member counts and hours this year (public): ?village=<code>',
	tag,
	auth: false,
	query: ZVillageQuery,
	response: z.object({
		village: z.object({ id: z.number().int(), name: z.string(), code: z.string() }),
		teams: z.array(ZPublicTeam)
	}),
	handler: ({ query }) => listTeams(query.village)
});

export const createTeamEndpoint = defineEndpoint({
	method: 'POST',
	path: '/teams',
	summary:
		'Create a volunteer team, optionally with its first leader (committee; the leader needs a login and is given the team_leader role). Send an Idempotency-Key.',
	tag,
	auth: true,
	body: ZCreateTeam,
	response: ZTeamRow,
	status: 201,
	handler: ({ viewer, body }) => createTeam(viewer, body)
});

export const getTeamEndpoint = defineEndpoint({
	method: 'GET',
	path: '/teams/{id}',
	summary: 'A team’s public page: name, type, description, member count, hours this year',
	tag,
	auth: false,
	params: ZIdParams,
	response: ZPublicTeam,
	handler: ({ params }) => {
		const { villageId: _v, ...team } = publicTeam(params.id, new Date());
		return team;
	}
});

export const teamBoardEndpoint = defineEndpoint({
	method: 'GET',
	path: '/teams/{id}/board',
	summary:
		'The team’s roster with each member’s hours, pending applications, open disputes and recent records (its leaders, committee)',
	tag,
	auth: true,
	params: ZIdParams,
	response: z.object({
		team: ZPublicTeam,
		villageId: z.number().int(),
		roster: z.array(
			z.object({
				memberId: z.number().int(),
				name: z.string(),
				householdNumber: z.string(),
				role: z.enum(TEAM_ROLES),
				status: z.enum(TEAM_MEMBER_STATUSES),
				teamHours: z.number(),
				totalHours: z.number()
			})
		),
		applications: z.array(
			z.object({
				memberId: z.number().int(),
				name: z.string(),
				householdNumber: z.string(),
				appliedAt: z.string()
			})
		),
		disputes: z.array(ZRecordRow),
		records: z.array(ZRecordRow)
	}),
	handler: ({ viewer, params }) => getTeamBoard(viewer, params.id)
});

export const appointLeaderEndpoint = defineEndpoint({
	method: 'POST',
	path: '/teams/{id}/leaders',
	summary: 'Appoint a member as a leader of the team (committee)',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZAppointLeader,
	response: z.object({ ok: z.literal(true) }),
	handler: ({ viewer, params, body }) => appointLeader(viewer, params.id, body)
});

export const applyEndpoint = defineEndpoint({
	method: 'POST',
	path: '/teams/{id}/applications',
	summary: 'Apply to join the team: the member themself, or 代办 for them',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZApply,
	response: ZStatus,
	status: 201,
	handler: ({ viewer, params, body }) => applyToTeam(viewer, params.id, body)
});

export const decideEndpoint = defineEndpoint({
	method: 'POST',
	path: '/teams/{id}/decisions',
	summary: 'Approve an application, or decline it with a reason (the team’s leaders, committee)',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZDecideApplication,
	response: ZStatus,
	handler: ({ viewer, params, body }) => decideApplication(viewer, params.id, body)
});

export const leaveEndpoint = defineEndpoint({
	method: 'POST',
	path: '/teams/{id}/leave',
	summary: 'Leave the team or withdraw an application (the member, or 代办)',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZLeave,
	response: ZStatus,
	handler: ({ viewer, params, body }) => leaveTeam(viewer, params.id, body)
});

export const recordServiceEndpoint = defineEndpoint({
	method: 'POST',
	path: '/teams/{id}/records',
	summary:
		'Record service hours (half-hour steps) for one member of the team: confirmed at once, points credited to the household at the village rate. Send an Idempotency-Key.',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZRecordService,
	response: ZServiceRecord,
	status: 201,
	handler: ({ viewer, params, body }) => recordService(viewer, params.id, body)
});

export const logActivityEndpoint = defineEndpoint({
	method: 'POST',
	path: '/teams/{id}/activities',
	summary:
		'Log a whole activity: one confirmed record per attendee (hours each), each household credited once, all in one transaction. Send an Idempotency-Key.',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZLogActivity,
	response: z.object({
		activity: z.object({ id: z.number().int(), content: z.string(), serviceDate: z.string() }),
		records: z.array(ZServiceRecord)
	}),
	status: 201,
	handler: ({ viewer, params, body }) => logActivity(viewer, params.id, body)
});

export const correctRecordEndpoint = defineEndpoint({
	method: 'POST',
	path: '/service-records/{id}/corrections',
	summary:
		'Correct a confirmed record with a new record (signed half-hours, reason) posting a correcting ledger entry (the team’s leaders, committee). Send an Idempotency-Key.',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZCorrectRecord,
	response: ZServiceRecord,
	status: 201,
	handler: ({ viewer, params, body }) => correctRecord(viewer, params.id, body)
});

export const disputeRecordEndpoint = defineEndpoint({
	method: 'POST',
	path: '/service-records/{id}/dispute',
	summary: 'Dispute one’s own service record with a reason (the member, or 代办); once per record',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZDisputeRecord,
	response: ZServiceRecord,
	handler: ({ viewer, params, body }) => disputeRecord(viewer, params.id, body)
});

export const dismissDisputeEndpoint = defineEndpoint({
	method: 'POST',
	path: '/service-records/{id}/dismiss',
	summary: 'Close a dispute without a correction, with a note (the team’s leaders, committee)',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZResolveDispute,
	response: ZServiceRecord,
	handler: ({ viewer, params, body }) => dismissDispute(viewer, params.id, body)
});

export const volunteeringEndpoint = defineEndpoint({
	method: 'GET',
	path: '/members/{id}/volunteering',
	summary:
		'A member’s teams, service records, total hours, star levels and certificates (the member, 代办, committee)',
	tag,
	auth: true,
	params: ZIdParams,
	response: z.object({
		member: z.object({ id: z.number().int(), name: z.string() }),
		teams: z.array(
			z.object({
				id: z.number().int(),
				name: z.string(),
				type: z.enum(TEAM_TYPES),
				role: z.enum(TEAM_ROLES).nullable(),
				status: z.enum(TEAM_MEMBER_STATUSES).nullable(),
				declineReason: z.string().nullable()
			})
		),
		records: z.array(ZRecordRow.extend({ teamName: z.string() })),
		totalHours: z.number(),
		stars: z.array(
			z.object({
				level: z.number().int(),
				thresholdHours: z.number().int(),
				grantsAt: z.string(),
				granted: z.boolean()
			})
		),
		certificates: z.array(z.object({ number: z.string(), issuedAt: z.string(), hours: z.number() }))
	}),
	handler: ({ viewer, params }) => getVolunteering(viewer, params.id)
});

export const starThresholdsEndpoint = defineEndpoint({
	method: 'PUT',
	path: '/volunteer-settings',
	summary: 'Set the village’s five star-level thresholds in hours, ascending (committee)',
	tag,
	auth: true,
	body: ZStarThresholds,
	response: z.object({ thresholds: z.array(z.number().int()) }),
	handler: ({ viewer, body }) => setStarThresholds(viewer, body)
});

export const starNoticeEndpoint = defineEndpoint({
	method: 'GET',
	path: '/star-notice',
	summary:
		'星级志愿者公示: star levels in their notice period before they are granted (public, names masked): ?village=<code>',
	tag,
	auth: false,
	query: ZVillageQuery,
	response: z.array(
		z.object({
			id: z.number().int(),
			memberName: z.string(),
			level: z.number().int(),
			thresholdHours: z.number().int(),
			announcedAt: z.string(),
			grantsAt: z.string()
		})
	),
	handler: ({ query }) => listStarNotice(loadVillageByCode(query.village).id)
});

export const issueCertificateEndpoint = defineEndpoint({
	method: 'POST',
	path: '/certificates',
	summary:
		'Issue a 志愿服务证明 for a member’s confirmed hours (the member, 代办, committee). Send an Idempotency-Key.',
	tag,
	auth: true,
	body: ZIssueCertificate,
	response: z.object({
		number: z.string(),
		memberId: z.number().int(),
		totalHalfHours: z.number().int(),
		issuedAt: z.string()
	}),
	status: 201,
	handler: ({ viewer, body }) => {
		const c = issueCertificate(viewer, body);
		return {
			number: c.number,
			memberId: c.memberId,
			totalHalfHours: c.totalHalfHours,
			issuedAt: c.issuedAt.toISOString()
		};
	}
});

export const getCertificateEndpoint = defineEndpoint({
	method: 'GET',
	path: '/certificates/{number}',
	summary: 'A certificate with its records, for printing (the member, 代办, committee)',
	tag,
	auth: true,
	params: ZNumberParams,
	response: ZCertificate,
	handler: ({ viewer, params }) => getCertificate(viewer, params.number)
});

export const verifyCertificateEndpoint = defineEndpoint({
	method: 'GET',
	path: '/certificates/{number}/verify',
	summary:
		'Check a printed certificate (public): ?t=<token from its QR code>. 404 unless number and token match; masked name, hours, date only.',
	tag,
	auth: false,
	params: ZNumberParams,
	query: z.object({ t: z.string().trim().min(1).max(64) }),
	response: z.object({
		number: z.string(),
		memberName: z.string(),
		village: z.object({ name: z.string(), town: z.string() }),
		hours: z.number(),
		issuedAt: z.string()
	}),
	handler: ({ params, query }) => verifyCertificate(params.number, query.t)
});

export const teamHoursEndpoint = defineEndpoint({
	method: 'GET',
	path: '/villages/{id}/teams/hours',
	summary:
		'Confirmed volunteer hours by team, member (name, team, household number) and month, corrections included (committee): ?year=YYYY or ?month=YYYY-MM (village days; default this year)',
	tag,
	auth: true,
	params: ZIdParams,
	query: ZHoursQuery,
	response: z.object({
		period: z.string(),
		from: z.string(),
		to: z.string(),
		hours: z.number(),
		byTeam: z.array(
			z.object({
				teamId: z.number().int(),
				name: z.string(),
				type: z.enum(TEAM_TYPES),
				hours: z.number(),
				members: z.number().int()
			})
		),
		byMember: z.array(
			z.object({
				memberId: z.number().int(),
				name: z.string(),
				householdNumber: z.string(),
				teamId: z.number().int(),
				teamName: z.string(),
				hours: z.number()
			})
		),
		byMonth: z.array(z.object({ month: z.string(), hours: z.number() }))
	}),
	handler: ({ viewer, params, query }) => hoursReport(viewer, params.id, query)
});
