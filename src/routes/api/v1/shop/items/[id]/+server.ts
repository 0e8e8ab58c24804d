import { editShopItemEndpoint } from '$lib/server/api/endpoints/shop';
import { mount } from '$lib/server/api/endpoint';

export const PUT = mount(editShopItemEndpoint);
