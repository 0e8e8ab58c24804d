import { revokeToken } from '$lib/server/api/endpoints/auth';
import { mount } from '$lib/server/api/endpoint';

export const DELETE = mount(revokeToken);
