import { z } from 'zod';
import { zId } from '$lib/server/http/fields';
import { ZPhotoKey } from '$lib/server/photos/schemas';
import { approveSlip } from '$lib/server/slips/approve-slip';
import { checkSlip } from '$lib/server/slips/check-slip';
import { listNotice } from '$lib/server/slips/list-notice';
import { listSlips } from '$lib/server/slips/list-slips';
import { rejectSlip } from '$lib/server/slips/reject-slip';
import { reportSlip } from '$lib/server/slips/report-slip';
import { ZRejectSlip, ZReportSlip, ZSlipStatusQuery } from '$lib/server/slips/schemas';
import { DEPOSIT_SLIP_RESPONSE, ZNoticeBoard, ZSlipView } from '$lib/server/slips/views';
import { defineEndpoint } from '../endpoint';

/**
 * Deposit slips (道德存单): report a deed, the 十户长's first check, the committee's approval
 * (which posts it on the 公示 board) or rejection; the public notice board.
 */

const tag = 'slips';
const ZIdParams = z.object({ id: zId });

export const reportSlipEndpoint = defineEndpoint({
	method: 'POST',
	path: '/slips',
	summary:
		'Report a deed of a member (own household; a 十户长 for the group; team leader; committee). `photoKey`: a photo uploaded with POST /photos (422 photo_required when the rule asks for one). Send an Idempotency-Key.',
	tag,
	auth: true,
	body: ZReportSlip.extend({ photoKey: ZPhotoKey.optional() }),
	response: DEPOSIT_SLIP_RESPONSE,
	status: 201,
	handler: ({ viewer, body: { photoKey, ...body }, event }) =>
		reportSlip(viewer, body, {
			onBehalfOfMemberId: event.locals.actingFor?.memberId ?? null,
			photoKey: photoKey ?? null
		})
});

export const listSlipsEndpoint = defineEndpoint({
	method: 'GET',
	path: '/slips',
	summary:
		'Slips the caller may see (committee: the village; 十户长: their groups; villager: own household), ?status=…',
	tag,
	auth: true,
	query: ZSlipStatusQuery,
	response: z.array(ZSlipView),
	handler: ({ viewer, query }) =>
		listSlips(viewer, { status: query.status ? [query.status] : undefined })
});

export const checkSlipEndpoint = defineEndpoint({
	method: 'POST',
	path: '/slips/{id}/check',
	summary: 'First check of a reported slip by the household’s 十户长 (two-level review)',
	tag,
	auth: true,
	params: ZIdParams,
	response: DEPOSIT_SLIP_RESPONSE,
	handler: ({ viewer, params }) => checkSlip(viewer, params.id)
});

export const approveSlipEndpoint = defineEndpoint({
	method: 'POST',
	path: '/slips/{id}/approve',
	summary:
		'Approve a slip (committee; not the recorder, not about one’s own household; caps checked): it is posted for 公示',
	tag,
	auth: true,
	params: ZIdParams,
	response: DEPOSIT_SLIP_RESPONSE,
	handler: ({ viewer, params }) => approveSlip(viewer, params.id)
});

export const rejectSlipEndpoint = defineEndpoint({
	method: 'POST',
	path: '/slips/{id}/reject',
	summary: 'Reject a slip under review, with a reason (committee)',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZRejectSlip,
	response: DEPOSIT_SLIP_RESPONSE,
	handler: ({ viewer, params, body }) => rejectSlip(viewer, params.id, body)
});

export const noticeEndpoint = defineEndpoint({
	method: 'GET',
	path: '/notice',
	summary: 'A village’s 公示 notice board (public, names masked): ?village=<code>',
	tag,
	auth: false,
	query: z.object({ village: z.string().trim().min(1).max(40) }),
	response: ZNoticeBoard,
	handler: ({ query }) => listNotice(query.village)
});
