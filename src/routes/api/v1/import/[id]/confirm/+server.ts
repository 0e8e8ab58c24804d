import { importConfirm } from '$lib/server/api/endpoints/import';
import { mount } from '$lib/server/api/endpoint';

export const POST = mount(importConfirm);
