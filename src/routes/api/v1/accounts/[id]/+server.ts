import { accountGet, accountSetActive } from '$lib/server/api/endpoints/accounts';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(accountGet);
export const PATCH = mount(accountSetActive);
