import { listShopItemsEndpoint, addShopItemEndpoint } from '$lib/server/api/endpoints/shop';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(listShopItemsEndpoint);
export const POST = mount(addShopItemEndpoint);
