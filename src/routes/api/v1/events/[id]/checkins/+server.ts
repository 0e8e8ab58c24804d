import { checkInEndpoint } from '$lib/server/api/endpoints/events';
import { mount } from '$lib/server/api/endpoint';

export const POST = mount(checkInEndpoint);
