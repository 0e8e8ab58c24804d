import { householdExpiryWarningsEndpoint } from '$lib/server/api/endpoints/expiry';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(householdExpiryWarningsEndpoint);
