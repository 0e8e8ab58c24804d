import { screenEndpoint } from '$lib/server/api/endpoints/screen';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(screenEndpoint);
