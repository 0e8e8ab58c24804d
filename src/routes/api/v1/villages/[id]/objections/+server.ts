import { listObjectionsEndpoint } from '$lib/server/api/endpoints/objections';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(listObjectionsEndpoint);
