import { correctLedgerEntryEndpoint } from '$lib/server/api/endpoints/ledger';
import { mount } from '$lib/server/api/endpoint';

export const POST = mount(correctLedgerEntryEndpoint);
