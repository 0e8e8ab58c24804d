import { starThresholdsEndpoint } from '$lib/server/api/endpoints/teams';
import { mount } from '$lib/server/api/endpoint';

export const PUT = mount(starThresholdsEndpoint);
