import { recordInspectionEndpoint } from '$lib/server/api/endpoints/inspections';
import { mount } from '$lib/server/api/endpoint';

export const POST = mount(recordInspectionEndpoint);
