import { z } from 'zod';
import { DomainError } from '$lib/server/errors';
import { zId } from '$lib/server/http/fields';
import { addRule } from '$lib/server/rules/add-rule';
import { createDraft } from '$lib/server/rules/create-draft';
import { discardDraft } from '$lib/server/rules/discard-draft';
import { getRuleBook } from '$lib/server/rules/get-rule-book';
import { getVersion } from '$lib/server/rules/get-version';
import { listVersions } from '$lib/server/rules/list-versions';
import { publishDraft } from '$lib/server/rules/publish-draft';
import { removeRule } from '$lib/server/rules/remove-rule';
import { ZRuleBookQuery, ZRuleFields, ZRulePatch, ZVersionFields } from '$lib/server/rules/schemas';
import { updateDraft } from '$lib/server/rules/update-draft';
import { updateRule } from '$lib/server/rules/update-rule';
import { ZRuleBook, ZRuleView, ZVersionDetail, ZVersionSummary } from '$lib/server/rules/views';
import { ownVillageTarget } from '$lib/server/people/scope';
import { defineEndpoint } from '../endpoint';

/**
 * The rule book (积分细则). Reading the published one is public (it hangs on the village notice
 * board); drafts and every change are the committee's. Published versions never change: a new
 * version starts as a draft copied from the current one.
 */

const tag = 'rules';
const ZIdParams = z.object({ id: zId });

export const getRuleBookEndpoint = defineEndpoint({
	method: 'GET',
	path: '/rules',
	summary:
		'A village’s current rule book (or ?version=N) — public; ?village=<code>, or the caller’s own village',
	tag,
	auth: false,
	query: ZRuleBookQuery,
	response: ZRuleBook,
	handler: ({ viewer, query }) => {
		if (query.village) return getRuleBook({ code: query.village }, query.version);
		if (viewer?.villageId) return getRuleBook({ id: viewer.villageId }, query.version);
		throw new DomainError('validation', { details: { fieldErrors: { village: 'required' } } });
	}
});

export const listRuleVersionsEndpoint = defineEndpoint({
	method: 'GET',
	path: '/rules/versions',
	summary: 'Every version of the caller’s village rule book, the draft included (committee)',
	tag,
	auth: true,
	response: z.array(ZVersionSummary),
	handler: ({ viewer }) => listVersions(viewer, ownVillageTarget(viewer).villageId)
});

export const createRuleDraftEndpoint = defineEndpoint({
	method: 'POST',
	path: '/rules/versions',
	summary: 'Start a draft of the next version, copied from the current one (one draft at a time)',
	tag,
	auth: true,
	response: ZVersionDetail,
	status: 201,
	handler: ({ viewer }) => createDraft(viewer)
});

export const getRuleVersionEndpoint = defineEndpoint({
	method: 'GET',
	path: '/rules/versions/{id}',
	summary: 'One version with all its rules, inactive ones too (committee)',
	tag,
	auth: true,
	params: ZIdParams,
	response: ZVersionDetail,
	handler: ({ viewer, params }) => getVersion(viewer, params.id)
});

export const updateRuleDraftEndpoint = defineEndpoint({
	method: 'PATCH',
	path: '/rules/versions/{id}',
	summary: 'Change how and when a draft was adopted (adoptedBy, adoptedOn, resolution)',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZVersionFields,
	response: ZVersionDetail,
	handler: ({ viewer, params, body }) => updateDraft(viewer, params.id, body)
});

export const discardRuleDraftEndpoint = defineEndpoint({
	method: 'DELETE',
	path: '/rules/versions/{id}',
	summary: 'Discard a draft and its rules',
	tag,
	auth: true,
	params: ZIdParams,
	response: z.object({ discarded: z.literal(true) }),
	handler: ({ viewer, params }) => {
		discardDraft(viewer, params.id);
		return { discarded: true as const };
	}
});

export const publishRuleDraftEndpoint = defineEndpoint({
	method: 'POST',
	path: '/rules/versions/{id}/publish',
	summary:
		'Publish a draft: it becomes the current rule book, the previous one is superseded; both read-only',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZVersionFields,
	response: ZVersionDetail,
	handler: ({ viewer, params, body }) => publishDraft(viewer, params.id, body)
});

export const addRuleEndpoint = defineEndpoint({
	method: 'POST',
	path: '/rules/versions/{id}/rules',
	summary: 'Add a rule to a draft (points < 0 for a deduction; caps count units per household)',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZRuleFields,
	response: ZRuleView,
	status: 201,
	handler: ({ viewer, params, body }) => addRule(viewer, params.id, body)
});

export const updateRuleEndpoint = defineEndpoint({
	method: 'PATCH',
	path: '/rules/items/{id}',
	summary: 'Change a rule of a draft: only the fields given',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZRulePatch,
	response: ZRuleView,
	handler: ({ viewer, params, body }) => updateRule(viewer, params.id, body)
});

export const removeRuleEndpoint = defineEndpoint({
	method: 'DELETE',
	path: '/rules/items/{id}',
	summary: 'Take a rule out of a draft',
	tag,
	auth: true,
	params: ZIdParams,
	response: z.object({ versionId: z.number().int() }),
	handler: ({ viewer, params }) => removeRule(viewer, params.id)
});
