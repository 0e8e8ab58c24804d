import { publishRuleDraftEndpoint } from '$lib/server/api/endpoints/rules';
import { mount } from '$lib/server/api/endpoint';

export const POST = mount(publishRuleDraftEndpoint);
