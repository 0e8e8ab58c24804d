import { z } from 'zod';
import { zId } from '$lib/server/http/fields';
import { getMonthlyReport } from '$lib/server/shop/report/get-monthly-report';
import { ZMonthlyReport, ZReportQuery } from '$lib/server/shop/report/schemas';
import { defineEndpoint } from '../endpoint';

/** The points supermarket's monthly report (committee, shopkeeper). */

export const shopMonthlyReportEndpoint = defineEndpoint({
	method: 'GET',
	path: '/villages/{id}/shop/report',
	summary:
		'The shop’s monthly report (committee, shopkeeper): redemptions by item and household, stock in and out per item, donations, and the points held by households against the points value of the stock (?month=YYYY-MM, village time; default this month)',
	tag: 'shop',
	auth: true,
	params: z.object({ id: zId }),
	query: ZReportQuery,
	response: ZMonthlyReport,
	handler: ({ viewer, params, query }) => getMonthlyReport(viewer, params.id, query)
});
