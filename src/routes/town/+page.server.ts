import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { loadOrError } from '$lib/server/http/load';
import { formAction } from '$lib/server/http/form';
import { createVillageAs } from '$lib/server/villages/create-village';
import { listAllVillages } from '$lib/server/villages/list-villages';
import type { CreateVillageInput } from '$lib/server/villages/schemas';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(() => {
		const villages = listAllVillages(locals.viewer);
		const createdId = Number(url.searchParams.get('created'));
		return { villages, created: villages.find((v) => v.id === createdId)?.name ?? null };
	});

/** The form's flat fields, shaped as createVillageAs expects; it does the validating. */
const ZCreateVillageForm = z
	.object({
		name: z.string().default(''),
		code: z.string().default(''),
		town: z.string().default(''),
		committeePhone: z.string().default(''),
		committeeName: z.string().default(''),
		committeePassword: z.string().default('')
	})
	.transform((f): CreateVillageInput => ({
		name: f.name,
		code: f.code,
		town: f.town,
		committee: { phone: f.committeePhone, name: f.committeeName, password: f.committeePassword }
	}));

export const actions: Actions = {
	create: (event) =>
		formAction(event.request, ZCreateVillageForm, async (input) => {
			const { villageId } = await createVillageAs(event.locals.viewer, input);
			redirect(303, `/town?created=${villageId}`);
		})
};
