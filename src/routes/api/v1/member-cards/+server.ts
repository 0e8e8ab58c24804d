import { memberCardsEndpoint } from '$lib/server/api/endpoints/events';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(memberCardsEndpoint);
