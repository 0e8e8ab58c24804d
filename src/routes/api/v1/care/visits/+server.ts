import { recordCareVisitEndpoint } from '$lib/server/api/endpoints/care';
import { mount } from '$lib/server/api/endpoint';

export const POST = mount(recordCareVisitEndpoint);
