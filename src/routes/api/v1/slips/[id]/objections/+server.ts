import { raiseObjectionEndpoint } from '$lib/server/api/endpoints/objections';
import { mount } from '$lib/server/api/endpoint';

export const POST = mount(raiseObjectionEndpoint);
