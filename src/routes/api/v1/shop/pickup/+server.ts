import { findPickupEndpoint, handOverPickupEndpoint } from '$lib/server/api/endpoints/shop';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(findPickupEndpoint);
export const POST = mount(handOverPickupEndpoint);
