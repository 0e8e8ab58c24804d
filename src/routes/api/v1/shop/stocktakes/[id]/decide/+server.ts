import { decideStocktakeEndpoint } from '$lib/server/api/endpoints/shop';
import { mount } from '$lib/server/api/endpoint';

export const POST = mount(decideStocktakeEndpoint);
