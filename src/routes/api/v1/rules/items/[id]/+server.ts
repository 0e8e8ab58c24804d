import { removeRuleEndpoint, updateRuleEndpoint } from '$lib/server/api/endpoints/rules';
import { mount } from '$lib/server/api/endpoint';

export const PATCH = mount(updateRuleEndpoint);
export const DELETE = mount(removeRuleEndpoint);
