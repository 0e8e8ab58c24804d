import { villageCreate, villagesList } from '$lib/server/api/endpoints/villages';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(villagesList);
export const POST = mount(villageCreate);
