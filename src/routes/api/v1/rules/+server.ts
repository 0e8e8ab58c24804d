import { getRuleBookEndpoint } from '$lib/server/api/endpoints/rules';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(getRuleBookEndpoint);
