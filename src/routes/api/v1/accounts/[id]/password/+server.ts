import { accountResetPassword } from '$lib/server/api/endpoints/accounts';
import { mount } from '$lib/server/api/endpoint';

export const POST = mount(accountResetPassword);
