import { listPollsEndpoint } from '$lib/server/api/endpoints/polls';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(listPollsEndpoint);
