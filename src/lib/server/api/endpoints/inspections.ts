import { ZInspectionResult, ZRecordInspection } from '$lib/server/slips/inspection-schemas';
import { recordInspection } from '$lib/server/slips/record-inspection';
import { defineEndpoint } from '../endpoint';

/** Committee inspections: one rule, one day, many households scored at once (环境卫生 walk). */

export const recordInspectionEndpoint = defineEndpoint({
	method: 'POST',
	path: '/inspections',
	summary:
		'Record a committee inspection (committee): one rule of the current rule book, a day, the households scored — one slip each (about the head), all or nothing; another committee member approves them. Send an Idempotency-Key.',
	tag: 'slips',
	auth: true,
	body: ZRecordInspection,
	response: ZInspectionResult,
	status: 201,
	handler: ({ viewer, body }) => recordInspection(viewer, body)
});
