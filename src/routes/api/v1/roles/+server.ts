import { rolesList } from '$lib/server/api/endpoints/accounts';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(rolesList);
