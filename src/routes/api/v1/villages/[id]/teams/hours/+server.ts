import { teamHoursEndpoint } from '$lib/server/api/endpoints/teams';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(teamHoursEndpoint);
