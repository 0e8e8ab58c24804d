import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { RULE_CATEGORIES } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { formAction } from '$lib/server/http/form';
import { idParam, loadOrError } from '$lib/server/http/load';
import { getVersion } from '$lib/server/rules/get-version';
import { removeRule } from '$lib/server/rules/remove-rule';
import { ZRuleFields } from '$lib/server/rules/schemas';
import { updateRule } from '$lib/server/rules/update-rule';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) =>
	loadOrError(() => {
		const version = getVersion(locals.viewer, idParam(params.id));
		const rule = version.rules.find((r) => r.id === idParam(params.ruleId));
		if (!rule) throw new DomainError('not_found');
		if (version.status !== 'draft') redirect(303, `/committee/rules/${version.id}`);
		return {
			version: { id: version.id, number: version.number },
			rule,
			categories: [...new Set([...RULE_CATEGORIES, ...version.rules.map((r) => r.category)])]
		};
	});

export const actions: Actions = {
	default: (event) =>
		// The whole form is sent, so the full schema: an unticked box means "no photo required".
		formAction(event.request, ZRuleFields, (input) => {
			updateRule(event.locals.viewer, idParam(event.params.ruleId), input);
			redirect(303, `/committee/rules/${idParam(event.params.id)}`);
		}),
	remove: (event) =>
		formAction(event.request, z.object({}), () => {
			const { versionId } = removeRule(event.locals.viewer, idParam(event.params.ruleId));
			redirect(303, `/committee/rules/${versionId}`);
		})
};
