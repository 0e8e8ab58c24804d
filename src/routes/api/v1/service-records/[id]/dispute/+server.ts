import { disputeRecordEndpoint } from '$lib/server/api/endpoints/teams';
import { mount } from '$lib/server/api/endpoint';

export const POST = mount(disputeRecordEndpoint);
