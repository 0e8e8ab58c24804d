import { shopMonthlyReportEndpoint } from '$lib/server/api/endpoints/shopreport';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(shopMonthlyReportEndpoint);
