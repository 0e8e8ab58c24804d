import { approveSlipEndpoint } from '$lib/server/api/endpoints/slips';
import { mount } from '$lib/server/api/endpoint';

export const POST = mount(approveSlipEndpoint);
