import { z } from 'zod';
import { EXPIRY_POLICIES, THRESHOLD_BASES } from '$lib/server/db/schema';
import { zId } from '$lib/server/http/fields';
import { createVillageAs } from '$lib/server/villages/create-village';
import { listVillages } from '$lib/server/villages/list-villages';
import { ZCreateVillage } from '$lib/server/villages/schemas';
import { ZVillageSettingsPatch } from '$lib/server/villages/settings-schema';
import { patchVillageSettings } from '$lib/server/villages/update-village-settings';
import { getVillageSettings } from '$lib/server/villages/village-settings';
import { defineEndpoint } from '../endpoint';

const ZVillageSummary = z.object({
	id: z.number().int(),
	name: z.string(),
	code: z.string(),
	town: z.string(),
	active: z.boolean(),
	figures: z.object({
		households: z.number().int(),
		members: z.number().int(),
		groups: z.number().int(),
		accounts: z.number().int()
	})
});

export const ZVillageSettingsOut = z.object({
	id: z.number().int(),
	name: z.string(),
	code: z.string(),
	town: z.string(),
	redeemThreshold: z.number().int(),
	thresholdBasis: z.enum(THRESHOLD_BASES),
	noticeDays: z.number().int(),
	pointsPerHour: z.number().int(),
	expiryPolicy: z.enum(EXPIRY_POLICIES),
	expiryDate: z.string().nullable(),
	expiryYears: z.number().int().nullable(),
	expiryWarnDays: z.number().int(),
	showRankings: z.boolean(),
	twoLevelReview: z.boolean()
});

const ZVillageParams = z.object({ id: zId });

export const villagesList = defineEndpoint({
	method: 'GET',
	path: '/villages',
	summary: 'Villages with their figures: every village for a town admin, otherwise your own',
	tag: 'villages',
	auth: true,
	response: z.object({ villages: z.array(ZVillageSummary) }),
	handler: ({ viewer }) => ({ villages: listVillages(viewer) })
});

export const villageCreate = defineEndpoint({
	method: 'POST',
	path: '/villages',
	summary: 'Create a village with its first committee login (town admin)',
	tag: 'villages',
	auth: true,
	body: ZCreateVillage,
	response: z.object({ villageId: z.number().int(), userId: z.number().int() }),
	status: 201,
	handler: ({ viewer, body }) => createVillageAs(viewer, body)
});

export const villageSettingsGet = defineEndpoint({
	method: 'GET',
	path: '/villages/{id}/settings',
	summary: "A village's settings (anyone of the village, or the town admin)",
	tag: 'villages',
	auth: true,
	params: ZVillageParams,
	response: ZVillageSettingsOut,
	handler: ({ viewer, params }) => getVillageSettings(viewer, params.id)
});

export const villageSettingsPatch = defineEndpoint({
	method: 'PATCH',
	path: '/villages/{id}/settings',
	summary:
		"Change some of a village's settings (its committee, or the town admin); checked whole, so an invalid combination changes nothing",
	tag: 'villages',
	auth: true,
	params: ZVillageParams,
	body: ZVillageSettingsPatch,
	response: ZVillageSettingsOut,
	handler: ({ viewer, params, body }) => patchVillageSettings(viewer, params.id, body)
});
