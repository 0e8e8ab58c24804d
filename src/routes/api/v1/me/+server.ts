import { me } from '$lib/server/api/endpoints/auth';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(me);
