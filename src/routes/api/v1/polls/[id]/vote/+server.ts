import { votePollEndpoint } from '$lib/server/api/endpoints/polls';
import { mount } from '$lib/server/api/endpoint';

export const POST = mount(votePollEndpoint);
