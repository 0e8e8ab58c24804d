import { createEventEndpoint, listEventsEndpoint } from '$lib/server/api/endpoints/events';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(listEventsEndpoint);
export const POST = mount(createEventEndpoint);
