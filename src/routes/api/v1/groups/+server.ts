import { listGroupsEndpoint, createGroupEndpoint } from '$lib/server/api/endpoints/people';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(listGroupsEndpoint);
export const POST = mount(createGroupEndpoint);
