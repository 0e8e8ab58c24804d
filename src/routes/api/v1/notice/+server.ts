import { noticeEndpoint } from '$lib/server/api/endpoints/slips';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(noticeEndpoint);
