import { createTeamEndpoint, listTeamsEndpoint } from '$lib/server/api/endpoints/teams';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(listTeamsEndpoint);
export const POST = mount(createTeamEndpoint);
