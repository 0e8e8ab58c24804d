import { getHouseholdEndpoint, updateHouseholdEndpoint } from '$lib/server/api/endpoints/people';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(getHouseholdEndpoint);
export const PATCH = mount(updateHouseholdEndpoint);
