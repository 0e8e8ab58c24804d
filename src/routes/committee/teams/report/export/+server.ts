import { loadOrError } from '$lib/server/http/load';
import { downloadResponse } from '$lib/server/import/write-sheet';
import { ownVillageTarget } from '$lib/server/people/scope';
import { exportHours } from '$lib/server/teams/export-hours';
import { hoursQuery } from '../query';
import type { RequestHandler } from './$types';

/** The hours report as .xlsx (committee only: real names and household numbers). */
export const GET: RequestHandler = ({ locals, url }) =>
	loadOrError(async () => {
		const { villageId } = ownVillageTarget(locals.viewer);
		return downloadResponse(await exportHours(locals.viewer, villageId, hoursQuery(url)));
	});
