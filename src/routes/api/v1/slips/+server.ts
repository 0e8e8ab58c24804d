import { listSlipsEndpoint, reportSlipEndpoint } from '$lib/server/api/endpoints/slips';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(listSlipsEndpoint);
export const POST = mount(reportSlipEndpoint);
