import { listStockMovementsEndpoint, recordStockInEndpoint } from '$lib/server/api/endpoints/shop';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(listStockMovementsEndpoint);
export const POST = mount(recordStockInEndpoint);
