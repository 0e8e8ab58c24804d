import { reportHelpedSlipEndpoint } from '$lib/server/api/endpoints/photos';
import { mount } from '$lib/server/api/endpoint';

export const POST = mount(reportHelpedSlipEndpoint);
