import { listHouseholdsEndpoint, createHouseholdEndpoint } from '$lib/server/api/endpoints/people';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(listHouseholdsEndpoint);
export const POST = mount(createHouseholdEndpoint);
