import { health } from '$lib/server/api/endpoints/system';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(health);
