import { createRuleDraftEndpoint, listRuleVersionsEndpoint } from '$lib/server/api/endpoints/rules';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(listRuleVersionsEndpoint);
export const POST = mount(createRuleDraftEndpoint);
