import { getMemberEndpoint, updateMemberEndpoint } from '$lib/server/api/endpoints/people';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(getMemberEndpoint);
export const PATCH = mount(updateMemberEndpoint);
