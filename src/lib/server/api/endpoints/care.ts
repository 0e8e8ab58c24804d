import { z } from 'zod';
import { CARE_TAGS, RISK_TIERS } from '$lib/server/db/schema';
import { zId } from '$lib/server/http/fields';
import { listWorklist } from '$lib/server/care/list-worklist';
import { recordVisit } from '$lib/server/care/record-visit';
import { resolveFollowUp } from '$lib/server/care/resolve-follow-up';
import { ZRecordVisit, ZResolveFollowUp } from '$lib/server/care/schemas';
import { DomainError } from '$lib/server/errors';
import { defineEndpoint } from '../endpoint';

/**
 * Care visits (巡访关爱): the worklist of tagged elders and their visits. Private: the committee
 * and members of the village's 巡访关爱 teams only.
 */

const tag = 'care';
const ZIdParams = z.object({ id: zId });
const ZStatus = z.enum(['overdue', 'due', 'ok']);

const ZWorklist = z.object({
	today: z.string(),
	intervals: z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int() }),
	teams: z.array(z.object({ id: z.number().int(), name: z.string() })),
	teamId: z.number().int().nullable(),
	counts: z.object({ overdue: z.number().int(), due: z.number().int(), ok: z.number().int() }),
	groups: z.array(
		z.object({
			groupId: z.number().int().nullable(),
			groupName: z.string().nullable(),
			elders: z.array(
				z.object({
					memberId: z.number().int(),
					name: z.string(),
					householdNumber: z.string(),
					careTags: z.array(z.enum(CARE_TAGS)),
					riskTier: z.enum(RISK_TIERS).nullable(),
					intervalDays: z.number().int(),
					lastVisitedOn: z.string().nullable(),
					nextDue: z.string(),
					status: ZStatus,
					dueThisWeek: z.boolean(),
					openFollowUps: z.number().int()
				})
			)
		})
	)
});

const ZCareVisit = z.object({
	id: z.number().int(),
	villageId: z.number().int(),
	elderMemberId: z.number().int(),
	visitorMemberId: z.number().int(),
	teamId: z.number().int().nullable(),
	serviceRecordId: z.number().int().nullable(),
	visitedOn: z.string(),
	health: z.string(),
	safety: z.string(),
	living: z.string(),
	needs: z.string(),
	followUp: z.boolean(),
	followUpNote: z.string().nullable(),
	followUpResolvedAt: z.date().nullable()
});

export const careWorklistEndpoint = defineEndpoint({
	method: 'GET',
	path: '/villages/{id}/care/worklist',
	summary:
		'Elders with care tags by ten-household group: last visit, next due date by risk tier, status (committee and 巡访关爱 team members); ?team=<id> keeps the elders that team visits and those never visited',
	tag,
	auth: true,
	params: ZIdParams,
	query: z.object({ team: zId.optional() }),
	response: ZWorklist,
	handler: ({ viewer, params, query }) =>
		listWorklist(viewer, params.id, { teamId: query.team ?? null })
});

export const recordCareVisitEndpoint = defineEndpoint({
	method: 'POST',
	path: '/care/visits',
	summary:
		'Record a visit to a tagged elder of the caller’s village (committee or 巡访关爱 team member). `halfHours` > 0 also writes the visitor’s service record (points credited once). Send an Idempotency-Key.',
	tag,
	auth: true,
	body: ZRecordVisit,
	response: ZCareVisit,
	status: 201,
	handler: ({ viewer, body }) => {
		if (!viewer) throw new DomainError('unauthenticated');
		if (viewer.villageId === null) throw new DomainError('forbidden');
		return recordVisit(viewer, viewer.villageId, body);
	}
});

export const resolveCareFollowUpEndpoint = defineEndpoint({
	method: 'POST',
	path: '/care/follow-ups/{id}/resolve',
	summary: 'Mark a visit’s follow-up as dealt with (committee); 409 when already resolved',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZResolveFollowUp,
	response: ZCareVisit,
	handler: ({ viewer, params, body }) => resolveFollowUp(viewer, params.id, body)
});
