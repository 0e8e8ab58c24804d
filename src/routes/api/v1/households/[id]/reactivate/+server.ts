import { reactivateHouseholdEndpoint } from '$lib/server/api/endpoints/people';
import { mount } from '$lib/server/api/endpoint';

export const POST = mount(reactivateHouseholdEndpoint);
