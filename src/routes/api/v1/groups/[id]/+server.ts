import { getGroupEndpoint, updateGroupEndpoint } from '$lib/server/api/endpoints/people';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(getGroupEndpoint);
export const PATCH = mount(updateGroupEndpoint);
