import { z } from 'zod';
import { DomainError } from '$lib/server/errors';
import { zId } from '$lib/server/http/fields';
import { formAction } from '$lib/server/http/form';
import { loadOrError } from '$lib/server/http/load';
import { villageDay } from '$lib/server/ledger/expiry-policy';
import { correctRecord } from '$lib/server/teams/correct-record';
import { decideApplication } from '$lib/server/teams/decide-application';
import { dismissDispute } from '$lib/server/teams/dismiss-dispute';
import { getTeamBoard } from '$lib/server/teams/get-team-board';
import { logActivity } from '$lib/server/teams/log-activity';
import { recordService } from '$lib/server/teams/record-service';
import {
	ZDecideApplication,
	ZRecordService,
	ZResolveDispute,
	zServiceDate
} from '$lib/server/teams/schemas';
import type { Actions, PageServerLoad } from './$types';

/** The team's working page: roster, applications, logging hours, corrections and disputes. */
export const load: PageServerLoad = ({ locals, params }) =>
	loadOrError(() => ({
		board: getTeamBoard(locals.viewer, Number(params.id)),
		today: villageDay(new Date()),
		/** Sent back with the logging form so a double submit logs the activity once. */
		requestKey: crypto.randomUUID()
	}));

const teamId = (params: { id: string }) => {
	const id = Number(params.id);
	if (!Number.isSafeInteger(id) || id <= 0) throw new DomainError('not_found');
	return id;
};

/** Hours typed in a form ("1.5", "-2") as half-hours; whole half-hours only. */
const zHoursAsHalf = z.coerce
	.number()
	.refine((v) => Number.isInteger(v * 2), 'half-hour steps')
	.transform((v) => v * 2);

const ZLogForm = z.object({
	content: z.string(),
	place: z.string().optional(),
	serviceDate: zServiceDate,
	requestKey: z.string().max(40).optional(),
	attend: z.preprocess(
		(v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
		z.array(zId)
	)
});

export const actions: Actions = {
	decide: ({ request, locals, params }) =>
		formAction(request, ZDecideApplication, (input) => ({
			decided: decideApplication(locals.viewer, teamId(params), input).status
		})),
	log: ({ request, locals, params }) =>
		formAction(request, ZLogForm, (input, form) => {
			const { records } = logActivity(locals.viewer, teamId(params), {
				content: input.content,
				place: input.place,
				serviceDate: input.serviceDate,
				requestKey: input.requestKey,
				attendees: input.attend.map((memberId) => ({
					memberId,
					halfHours: Number(form.get(`half_${memberId}`) ?? 0)
				}))
			});
			return { logged: records.length };
		}),
	record: ({ request, locals, params }) =>
		formAction(request, ZRecordService, (input) => {
			recordService(locals.viewer, teamId(params), input);
			return { recorded: true as const };
		}),
	correct: ({ request, locals }) =>
		formAction(
			request,
			z.object({ recordId: zId, hours: zHoursAsHalf, reason: z.string() }),
			({ recordId, hours, reason }) => {
				correctRecord(locals.viewer, recordId, { halfHours: hours, reason });
				return { corrected: true as const };
			}
		),
	dismiss: ({ request, locals }) =>
		formAction(request, ZResolveDispute.extend({ recordId: zId }), ({ recordId, note }) => {
			dismissDispute(locals.viewer, recordId, { note });
			return { dismissed: true as const };
		})
};
