import {
	discardRuleDraftEndpoint,
	getRuleVersionEndpoint,
	updateRuleDraftEndpoint
} from '$lib/server/api/endpoints/rules';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(getRuleVersionEndpoint);
export const PATCH = mount(updateRuleDraftEndpoint);
export const DELETE = mount(discardRuleDraftEndpoint);
