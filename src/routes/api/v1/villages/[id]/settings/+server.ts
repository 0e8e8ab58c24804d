import { villageSettingsGet, villageSettingsPatch } from '$lib/server/api/endpoints/villages';
import { mount } from '$lib/server/api/endpoint';

export const GET = mount(villageSettingsGet);
export const PATCH = mount(villageSettingsPatch);
