import { accountCreate, accountsList } from '$lib/server/api/endpoints/accounts';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(accountsList);
export const POST = mount(accountCreate);
