import { plaqueEndpoint } from '$lib/server/api/endpoints/honour';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(plaqueEndpoint);
