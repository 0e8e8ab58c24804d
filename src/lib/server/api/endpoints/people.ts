import { z } from 'zod';
import { zId } from '$lib/server/http/fields';
import { addMember } from '$lib/server/people/add-member';
import { createGroup } from '$lib/server/people/create-group';
import { createHousehold } from '$lib/server/people/create-household';
import { getGroup } from '$lib/server/people/get-group';
import { getHousehold } from '$lib/server/people/get-household';
import { getMember } from '$lib/server/people/get-member';
import { listGroups } from '$lib/server/people/list-groups';
import { listHouseholds } from '$lib/server/people/list-households';
import {
	ZAddMember,
	ZGroupFields,
	ZGroupPatch,
	ZGroupSearch,
	ZHouseholdFields,
	ZHouseholdPatch,
	ZMemberPatch,
	ZPeopleSearch
} from '$lib/server/people/schemas';
import { deactivateGroup, reactivateGroup } from '$lib/server/people/set-group-active';
import { deactivateHousehold, reactivateHousehold } from '$lib/server/people/set-household-active';
import { deactivateMember, reactivateMember } from '$lib/server/people/set-member-active';
import { updateGroup } from '$lib/server/people/update-group';
import { updateHousehold } from '$lib/server/people/update-household';
import { updateMember } from '$lib/server/people/update-member';
import {
	ZGroupDetail,
	ZGroupSummary,
	ZHouseholdDetail,
	ZHouseholdList,
	ZMemberView
} from '$lib/server/people/views';
import { defineEndpoint } from '../endpoint';

/**
 * Households, members and ten-household groups of the caller's village. Everything here is the
 * committee's, except reading one household or member, which its own people, its 十户长 and
 * the shopkeeper may do too (private fields stay hidden from them). Ids of another village's
 * rows answer 404, exactly as ids that don't exist.
 */

const tag = 'people';
const ZIdParams = z.object({ id: zId });

export const listHouseholdsEndpoint = defineEndpoint({
	method: 'GET',
	path: '/households',
	summary: 'Search households (户号, address, member name or phone), 50 a page',
	tag,
	auth: true,
	query: ZPeopleSearch,
	response: ZHouseholdList,
	handler: ({ viewer, query }) => listHouseholds(viewer, query)
});

export const createHouseholdEndpoint = defineEndpoint({
	method: 'POST',
	path: '/households',
	summary: 'Add a household',
	tag,
	auth: true,
	body: ZHouseholdFields,
	response: ZHouseholdDetail,
	status: 201,
	handler: ({ viewer, body }) => createHousehold(viewer, body)
});

export const getHouseholdEndpoint = defineEndpoint({
	method: 'GET',
	path: '/households/{id}',
	summary: 'One household with its members',
	tag,
	auth: true,
	params: ZIdParams,
	response: ZHouseholdDetail,
	handler: ({ viewer, params }) => getHousehold(viewer, params.id)
});

export const updateHouseholdEndpoint = defineEndpoint({
	method: 'PATCH',
	path: '/households/{id}',
	summary: 'Change a household: only the fields given (headMemberId sets the 户主)',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZHouseholdPatch,
	response: ZHouseholdDetail,
	handler: ({ viewer, params, body }) => updateHousehold(viewer, params.id, body)
});

export const deactivateHouseholdEndpoint = defineEndpoint({
	method: 'POST',
	path: '/households/{id}/deactivate',
	summary: 'Deactivate a household (nothing is deleted; it leaves the lists)',
	tag,
	auth: true,
	params: ZIdParams,
	response: ZHouseholdDetail,
	handler: ({ viewer, params }) => deactivateHousehold(viewer, params.id)
});

export const reactivateHouseholdEndpoint = defineEndpoint({
	method: 'POST',
	path: '/households/{id}/reactivate',
	summary: 'Reactivate a deactivated household',
	tag,
	auth: true,
	params: ZIdParams,
	response: ZHouseholdDetail,
	handler: ({ viewer, params }) => reactivateHousehold(viewer, params.id)
});

export const addMemberEndpoint = defineEndpoint({
	method: 'POST',
	path: '/households/{id}/members',
	summary: 'Add a member to a household (makeHead: also make them the 户主)',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZAddMember,
	response: ZMemberView,
	status: 201,
	handler: ({ viewer, params, body }) => addMember(viewer, params.id, body)
});

export const getMemberEndpoint = defineEndpoint({
	method: 'GET',
	path: '/members/{id}',
	summary: 'One member (private fields only for the committee and the member)',
	tag,
	auth: true,
	params: ZIdParams,
	response: ZMemberView,
	handler: ({ viewer, params }) => getMember(viewer, params.id)
});

export const updateMemberEndpoint = defineEndpoint({
	method: 'PATCH',
	path: '/members/{id}',
	summary: 'Change a member: only the fields given',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZMemberPatch,
	response: ZMemberView,
	handler: ({ viewer, params, body }) => updateMember(viewer, params.id, body)
});

export const deactivateMemberEndpoint = defineEndpoint({
	method: 'POST',
	path: '/members/{id}/deactivate',
	summary: 'Deactivate a member (not a 户主 or 十户长: hand over first)',
	tag,
	auth: true,
	params: ZIdParams,
	response: ZMemberView,
	handler: ({ viewer, params }) => deactivateMember(viewer, params.id)
});

export const reactivateMemberEndpoint = defineEndpoint({
	method: 'POST',
	path: '/members/{id}/reactivate',
	summary: 'Reactivate a member',
	tag,
	auth: true,
	params: ZIdParams,
	response: ZMemberView,
	handler: ({ viewer, params }) => reactivateMember(viewer, params.id)
});

export const listGroupsEndpoint = defineEndpoint({
	method: 'GET',
	path: '/groups',
	summary: 'Ten-household groups (十户联组) with leader and household count',
	tag,
	auth: true,
	query: ZGroupSearch,
	response: z.object({ groups: z.array(ZGroupSummary) }),
	handler: ({ viewer, query }) => ({ groups: listGroups(viewer, query) })
});

export const createGroupEndpoint = defineEndpoint({
	method: 'POST',
	path: '/groups',
	summary: 'Create a ten-household group',
	tag,
	auth: true,
	body: ZGroupFields,
	response: ZGroupDetail,
	status: 201,
	handler: ({ viewer, body }) => createGroup(viewer, body)
});

export const getGroupEndpoint = defineEndpoint({
	method: 'GET',
	path: '/groups/{id}',
	summary: 'One ten-household group with its households',
	tag,
	auth: true,
	params: ZIdParams,
	response: ZGroupDetail,
	handler: ({ viewer, params }) => getGroup(viewer, params.id)
});

export const updateGroupEndpoint = defineEndpoint({
	method: 'PATCH',
	path: '/groups/{id}',
	summary: 'Rename a group or change its leader (null: no leader)',
	tag,
	auth: true,
	params: ZIdParams,
	body: ZGroupPatch,
	response: ZGroupDetail,
	handler: ({ viewer, params, body }) => updateGroup(viewer, params.id, body)
});

export const deactivateGroupEndpoint = defineEndpoint({
	method: 'POST',
	path: '/groups/{id}/deactivate',
	summary: 'Deactivate a group (only once it has no active households)',
	tag,
	auth: true,
	params: ZIdParams,
	response: ZGroupDetail,
	handler: ({ viewer, params }) => deactivateGroup(viewer, params.id)
});

export const reactivateGroupEndpoint = defineEndpoint({
	method: 'POST',
	path: '/groups/{id}/reactivate',
	summary: 'Reactivate a group',
	tag,
	auth: true,
	params: ZIdParams,
	response: ZGroupDetail,
	handler: ({ viewer, params }) => reactivateGroup(viewer, params.id)
});
