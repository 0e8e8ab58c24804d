import { accountGrantRole, accountRevokeRole } from '$lib/server/api/endpoints/accounts';
import { mount } from '$lib/server/api/endpoint';

export const PUT = mount(accountGrantRole);
export const DELETE = mount(accountRevokeRole);
