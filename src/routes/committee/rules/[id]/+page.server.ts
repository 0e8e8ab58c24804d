import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { RULE_CATEGORIES } from '$lib/server/db/schema';
import { formAction } from '$lib/server/http/form';
import { zId } from '$lib/server/http/fields';
import { idParam, loadOrError } from '$lib/server/http/load';
import { addRule } from '$lib/server/rules/add-rule';
import { discardDraft } from '$lib/server/rules/discard-draft';
import { getVersion } from '$lib/server/rules/get-version';
import { groupByCategory } from '$lib/server/rules/group-by-category';
import { publishDraft } from '$lib/server/rules/publish-draft';
import { removeRule } from '$lib/server/rules/remove-rule';
import { ZRuleFields, ZVersionFields } from '$lib/server/rules/schemas';
import { updateDraft } from '$lib/server/rules/update-draft';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) =>
	loadOrError(() => {
		const version = getVersion(locals.viewer, idParam(params.id));
		const categories = [...new Set([...RULE_CATEGORIES, ...version.rules.map((r) => r.category)])];
		return { version, groups: groupByCategory(version.rules), categories };
	});

export const actions: Actions = {
	save: (event) =>
		formAction(event.request, ZVersionFields, (input) => {
			updateDraft(event.locals.viewer, idParam(event.params.id), input);
			return { saved: true };
		}),
	publish: (event) =>
		formAction(event.request, ZVersionFields, (input) => {
			const version = publishDraft(event.locals.viewer, idParam(event.params.id), input);
			redirect(303, `/committee/rules/${version.id}?published=1`);
		}),
	add: (event) =>
		formAction(event.request, ZRuleFields, (input) => {
			const rule = addRule(event.locals.viewer, idParam(event.params.id), input);
			return { added: rule.name };
		}),
	remove: (event) =>
		formAction(event.request, z.object({ ruleId: zId }), (input) => {
			removeRule(event.locals.viewer, input.ruleId);
			return { removed: true };
		}),
	discard: (event) =>
		formAction(event.request, z.object({}), () => {
			discardDraft(event.locals.viewer, idParam(event.params.id));
			redirect(303, '/committee/rules');
		})
};
